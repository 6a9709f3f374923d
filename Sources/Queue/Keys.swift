// Every Redis key CreatorFlow uses, in one place.
//
// Per-queue keys carry the hash tag `{<prefix>:<queue>}` so all keys one script touches live in
// one Redis Cluster slot; the only untagged keys are fleet-wide registries no script touches.
//
//   <p>:queues                      set    names of known queues
//   <p>:processes                   set    worker process ids (for `creatorflow workers`)
//   <p>:process:<pid>               string process info JSON, expires with its lease
//   <p>:lock:<role>                 string short fleet-wide lock (e.g. the webhook relay)
//   <p>:wake                        list   wake-up tokens: pushed when jobs land on any queue,
//                                          popped by idle fetchers (at most 8 kept)
//   {<p>:<q>}:jobs                  list   waiting jobs; LPUSH to enqueue, taken from the right
//   {<p>:<q>}:inflight:<pid>        list   jobs claimed by one process from this queue
//   {<p>:<q>}:lease:<pid>           string that process's lease on this queue (PX expiry)
//   {<p>:<q>}:processes             set    processes that hold in-flight lists here
//   {<p>:<q>}:retry                 zset   failed jobs waiting for their retry time
//   {<p>:<q>}:scheduled             zset   delayed jobs waiting for their run time
//   {<p>:<q>}:dead                  zset   dead-letter ids by death time
//   {<p>:<q>}:dead:data             hash   dead-letter id → DeadLetter JSON
//   {<p>:<q>}:dead:overflow         hash   dead letters dropped by the caps, until archived in PostgreSQL
//   {<p>:<q>}:stats                 hash   processed/failed/retried/dead counters, also per kind
//   {<p>:<q>}:paused                string present while the queue is paused fleet-wide
//   {<p>:<q>}:lock:<role>           string short lock so one process at a time reaps/promotes
//   {<p>:<q>}:tick:<name>:<ms>      string a schedule's tick, claimed once by whichever scheduler fires it
//
// Upstream keys (rate limiter, circuit breaker) are tagged by the upstream's family, the part of
// its name before the first `:` (`tiktok`, `easypost`, `supplier`), so the buckets and breaker one
// admission touches share a slot:
//
//   <p>:upstreams                   set    upstream names gates have seen (metrics, health)
//   <p>:upstream:waits              hash   rate-limit waits: count:<bucket>, ms:<bucket>
//   {<p>:up:<f>}:rl:<bucket>        zset   sliding-window log of admissions (score: server time, ms)
//   {<p>:up:<f>}:open:<upstream>    string breaker open until (ms); absent = closed, past = half-open
//   {<p>:up:<f>}:failures:<upstream> zset  upstream failures within the breaker window
//   {<p>:up:<f>}:trial:<upstream>   string the half-open trial's lease (token, PX expiry)

/// Names Redis keys under a prefix; one prefix per deployment (or per test suite).
public struct Keys: Sendable, Equatable {
    public let prefix: String

    public init(prefix: String = "cf") { self.prefix = prefix }

    public var queues: String { "\(prefix):queues" }
    public var processes: String { "\(prefix):processes" }
    public func process(_ pid: String) -> String { "\(prefix):process:\(pid)" }
    public func lock(_ role: String) -> String { "\(prefix):lock:\(role)" }
    /// Wake-up tokens for idle fetchers (see `FetcherWake`).
    public var wake: String { "\(prefix):wake" }

    /// The keys of one queue.
    public func queue(_ name: String) -> QueueKeys { QueueKeys(tag: "{\(prefix):\(name)}") }

    /// The fleet-wide state of alert `name` kept outside PostgreSQL (raised while it is down).
    public func alert(_ name: String) -> String { "\(prefix):alert:\(name)" }
    public var upstreams: String { "\(prefix):upstreams" }
    public var upstreamWaits: String { "\(prefix):upstream:waits" }

    /// The rate-limit and breaker keys of the family `name` belongs to (`tiktok` for `tiktok:shop:1`).
    public func upstream(of name: String) -> UpstreamKeys {
        UpstreamKeys(tag: "{\(prefix):up:\(name.prefix { $0 != ":" })}")
    }
}

/// The rate-limit and breaker keys of one upstream family, all sharing its hash tag.
public struct UpstreamKeys: Sendable, Equatable {
    public let tag: String

    public func rateLog(_ bucket: String) -> String { "\(tag):rl:\(bucket)" }
    public func open(_ upstream: String) -> String { "\(tag):open:\(upstream)" }
    public func failures(_ upstream: String) -> String { "\(tag):failures:\(upstream)" }
    public func trial(_ upstream: String) -> String { "\(tag):trial:\(upstream)" }
}

/// The keys of one queue, all sharing its hash tag.
public struct QueueKeys: Sendable, Equatable {
    public let tag: String

    public var jobs: String { "\(tag):jobs" }
    public func inflight(_ pid: String) -> String { "\(tag):inflight:\(pid)" }
    public func lease(_ pid: String) -> String { "\(tag):lease:\(pid)" }
    public var processes: String { "\(tag):processes" }
    public var retry: String { "\(tag):retry" }
    public var scheduled: String { "\(tag):scheduled" }
    public var dead: String { "\(tag):dead" }
    public var deadData: String { "\(tag):dead:data" }
    public var deadOverflow: String { "\(tag):dead:overflow" }
    public var stats: String { "\(tag):stats" }
    public var paused: String { "\(tag):paused" }
    public func lock(_ role: String) -> String { "\(tag):lock:\(role)" }
    public func tick(_ schedule: String, _ tickMs: Int64) -> String { "\(tag):tick:\(schedule):\(tickMs)" }
}
