// The fleet-wide gate in front of every upstream: a sliding-window rate limiter per bucket and a
// circuit breaker per upstream, both kept in Redis so every worker process shares them.
// Admission is one atomic script across the call's breaker and all its buckets (all or nothing).

import Clients
import Domain
import Foundation
import Logging
import Queue
import Redis

/// Rate-limits and circuit-breaks requests for the whole fleet through Redis.
///
/// One gate per thread: it owns a blocking `RedisConnection` and remembers the half-open trial it
/// holds between `admit` and `record`, so create one for each thread that runs clients (the
/// clients are per thread too) and never share it. `admit` blocks that thread while it waits for
/// a rate-limit slot.
public final class RedisUpstreamGate: UpstreamGate {
    public let settings: UpstreamGateSettings
    public let monitor: UpstreamMonitor
    private let logger: Logger
    private let sleep: @Sendable (Duration) -> Void
    private let stopWaiting: @Sendable () -> Bool
    private let gateId = UUID().uuidString.prefix(12).lowercased()
    private var sequence = 0
    /// Upstream → the trial lease token this gate holds for it.
    private var trials: [String: String] = [:]
    private var registered: Set<String> = []

    /// A gate on `connection` (owned by the calling thread from now on) under `keys`' prefix.
    /// Once `stopWaiting` returns true (the worker process is draining), a call that would wait
    /// for a rate-limit slot is handed back to the queue instead, also in the middle of a wait.
    public init(
        connection: RedisConnection, keys: Keys, settings: UpstreamGateSettings, logger: Logger = Logger(label: "upstream"),
        sleep: @escaping @Sendable (Duration) -> Void = RedisUpstreamGate.threadSleep,
        stopWaiting: @escaping @Sendable () -> Bool = { false }
    ) {
        self.monitor = UpstreamMonitor(connection: connection, keys: keys)
        self.settings = settings
        self.logger = logger
        self.sleep = sleep
        self.stopWaiting = stopWaiting
    }

    /// Waits for a slot in every limited bucket of `call` and passes its breaker; throws
    /// `UpstreamUnavailable` while the breaker is open and `RateLimitWaitTooLong` when the slots
    /// are further away than `settings.maxWait` in total or the process stops waiting.
    public func admit(_ call: UpstreamCall) throws {
        try register(call.upstream)
        let family = monitor.keys.upstream(of: call.upstream)
        let limited = call.buckets.compactMap { bucket in settings.limit(for: bucket).map { (bucket: bucket, limit: $0) } }
        for bucket in limited {
            precondition(
                monitor.keys.upstream(of: bucket.bucket) == family,
                "bucket \(bucket.bucket) is not in the family of upstream \(call.upstream)")
        }
        let keys = [family.open(call.upstream), family.trial(call.upstream)] + limited.map { family.rateLog($0.bucket) }
        let fixedArgs = [String(settings.logWindowMilliseconds), String(settings.breaker.trialLease.milliseconds)]
        var waited = Duration.zero
        var waits: [String: RateLimitWaits] = [:]
        defer { publish(waits) }
        while true {
            let token = nextToken()
            let reply = try monitor.connection.eval(
                UpstreamScripts.admit, keys: keys, args: [token] + fixedArgs + limited.map { String($0.limit) })
            switch try Admission(reply: reply) {
            case .admitted(let trial):
                if trial {
                    trials[call.upstream] = token
                    logger.info("breaker half-open: trial request", metadata: ["upstream": "\(call.upstream)"])
                }
                return
            case .open(let milliseconds), .trialInFlight(let milliseconds):
                throw UpstreamUnavailable(upstream: call.upstream, retryAfter: .milliseconds(milliseconds))
            case .throttled(let milliseconds, let index):
                let wait = Duration.milliseconds(milliseconds)
                let bucket = limited[index].bucket
                if waited + wait > settings.maxWait || stopWaiting() {
                    throw RateLimitWaitTooLong(bucket: bucket, retryAfter: wait)
                }
                try pause(wait, bucket: bucket)
                waited += wait
                waits[bucket, default: RateLimitWaits()].count += 1
                waits[bucket, default: RateLimitWaits()].seconds += Double(milliseconds) / 1000
            }
        }
    }

    /// Counts an upstream failure toward the breaker; settles the half-open trial this gate holds.
    public func record(_ call: UpstreamCall, failure: (any ClassifiedError)?) {
        let token = trials.removeValue(forKey: call.upstream)
        let upstreamFailed = failure?.isUpstreamFailure ?? false
        guard token != nil || upstreamFailed else { return }
        let keys = monitor.keys.upstream(of: call.upstream)
        let breaker = settings.breaker
        do {
            let reply = try monitor.connection.eval(
                UpstreamScripts.record,
                keys: [keys.open(call.upstream), keys.trial(call.upstream), keys.failures(call.upstream)],
                args: [
                    upstreamFailed ? "F" : "S", token ?? "", String(breaker.failures), String(breaker.window.milliseconds),
                    String(breaker.openFor.milliseconds), nextToken(),
                ])
            let metadata: Logger.Metadata = ["upstream": "\(call.upstream)", "error": "\(failure.map { "\($0)" } ?? "none")"]
            switch reply.integer {
            case 1: logger.warning("breaker opened", metadata: metadata)
            case 2: logger.notice("breaker closed after a successful trial", metadata: metadata)
            case 3: logger.warning("breaker re-opened after a failed trial", metadata: metadata)
            default: break
            }
        } catch {
            logger.error(
                "breaker outcome not recorded", metadata: ["upstream": "\(call.upstream)", "redis_error": "\(error)"])
        }
    }

    /// Every known upstream's breaker.
    public func breakerStates() throws -> [BreakerStatus] { try monitor.breakerStates() }

    /// One upstream's breaker.
    public func state(of upstream: String) throws -> BreakerStatus { try monitor.state(of: upstream) }

    /// Sleeps `wait` in slices, so a stop request ends it early (the job goes back to the queue).
    private func pause(_ wait: Duration, bucket: String) throws {
        var left = wait
        while left > .zero {
            let slice = min(left, Self.waitSlice)
            sleep(slice)
            left -= slice
            if left > .zero, stopWaiting() { throw RateLimitWaitTooLong(bucket: bucket, retryAfter: left) }
        }
    }

    /// How often a waiting gate checks whether to stop waiting.
    static let waitSlice = Duration.milliseconds(200)

    private func nextToken() -> String {
        sequence += 1
        return "\(gateId):\(sequence)"
    }

    private func register(_ upstream: String) throws {
        guard !registered.contains(upstream) else { return }
        try monitor.connection.command(["SADD", monitor.keys.upstreams, upstream])
        registered.insert(upstream)
    }

    private func publish(_ waits: [String: RateLimitWaits]) {
        guard !waits.isEmpty else { return }
        let key = monitor.keys.upstreamWaits
        let commands = waits.flatMap { bucket, wait in
            [
                ["HINCRBY", key, "count:\(bucket)", String(wait.count)],
                ["HINCRBY", key, "ms:\(bucket)", String(Int((wait.seconds * 1000).rounded()))],
            ]
        }
        do {
            _ = try monitor.connection.pipeline(commands)
        } catch {
            logger.error("rate-limit waits not recorded", metadata: ["redis_error": "\(error)"])
        }
    }

    /// Blocks the calling thread (gates run on worker threads, never on the cooperative pool).
    public static let threadSleep: @Sendable (Duration) -> Void = { duration in
        Thread.sleep(forTimeInterval: duration.inSeconds)
    }
}
