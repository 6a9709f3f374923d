// The Redis job queue's hot path: enqueue, reliable fetch, batched settlement, leases, reaping,
// promotion. One instance per thread (it owns one hiredis connection). Key names come from
// Keys.swift. Operators and readers use QueueAdmin (same keys and scripts).

import Foundation
import Redis

/// The Redis job queue as one process (`processId`) sees it, used from one thread at a time.
public final class RedisJobQueue {
    public let connection: RedisConnection
    public let settings: QueueSettings
    public let processId: String
    private var keys: Keys { settings.keys }
    private var knownQueues: Set<String> = []

    public init(connection: RedisConnection, settings: QueueSettings, processId: String) {
        self.connection = connection
        self.settings = settings
        self.processId = processId
    }

    // MARK: enqueue

    /// Adds jobs to the end of their queues (pipelined, in chunks) and wakes idle fetchers.
    public func enqueue(_ jobs: [EncodedJob]) throws {
        guard !jobs.isEmpty else { return }
        var byQueue: [String: [String]] = [:]
        for job in jobs { byQueue[job.queue, default: []].append(job.raw) }
        var commands: [[String]] = []
        for (queue, raws) in byQueue {
            commands.append(contentsOf: registerQueue(queue))
            for start in stride(from: 0, to: raws.count, by: 1000) {
                commands.append(["LPUSH", keys.queue(queue).jobs] + raws[start..<min(start + 1000, raws.count)])
            }
        }
        try checked(connection.pipeline(commands + FetcherWake.commands(keys)))
    }

    /// Adds a job that becomes runnable at `runAt` (Unix seconds), stamped with that time.
    public func schedule<Args: Encodable>(_ job: NewJob<Args>, runAt: Double) throws {
        var delayed = job
        delayed.enqueuedAt = max(runAt, job.enqueuedAt)
        let commands = registerQueue(job.queue) + [
            ["ZADD", keys.queue(job.queue).scheduled, String(runAt), try delayed.encoded().raw]
        ]
        try checked(connection.pipeline(commands))
    }

    private func registerQueue(_ queue: String) -> [[String]] {
        if knownQueues.contains(queue) { return [] }
        knownQueues.insert(queue)
        return [["SADD", keys.queues, queue]]
    }

    // MARK: fetch

    /// Claims up to `max` jobs from `queue` into this process's in-flight list, without waiting;
    /// throws `LeaseLost` when this process's lease on the queue lapsed.
    public func claim(from queue: String, max: Int) throws -> [ClaimedJob] {
        let call = QueueScripts.claimCall(keys.queue(queue), pid: processId, max: max)
        do {
            return try connection.eval(call.script, keys: call.keys, args: call.args).strings.map {
                ClaimedJob(queue: queue, raw: $0)
            }
        } catch RedisError.server(_, let message) where message.contains("NOLEASE") {
            throw LeaseLost(queue: queue)
        }
    }

    /// Waits up to `timeout` seconds for a wake-up token (jobs landed on some queue); false when
    /// none came.
    public func waitForWork(timeout: Double) throws -> Bool {
        // BLPOP's timeout 0 would block for ever.
        try connection.command(["BLPOP", keys.wake, String(format: "%.3f", max(timeout, 0.001))]).array.count == 2
    }

    // MARK: settle

    /// Acknowledges a batch of settled attempts; returns the jobs that were fenced off.
    @discardableResult
    public func settle(_ jobs: [SettledJob], now: Double) throws -> [ClaimedJob] {
        if jobs.isEmpty { return [] }
        var order: [String] = []
        var groups: [String: [SettledJob]] = [:]
        for job in jobs {
            if groups[job.job.queue] == nil { order.append(job.job.queue) }
            groups[job.job.queue, default: []].append(job)
        }
        var calls: [RedisConnection.ScriptCall] = []
        for queue in order {
            let group = groups[queue]!
            var args = [String(now), String(settings.deadMaxCount), String(settings.deadMaxAgeSeconds)]
            args.reserveCapacity(3 + group.count * 4)
            for job in group {
                let (op, data) = try Self.encode(job.settlement)
                args.append(contentsOf: [op, job.job.raw, job.kind, data])
            }
            calls.append(QueueScripts.settleCall(keys.queue(queue), pid: processId, args: args))
        }
        let replies = try connection.evalPipeline(calls)
        if jobs.contains(where: { if case .requeue = $0.settlement { return true } else { return false } }) {
            connection.wakeFetchers(keys)
        }
        var fenced: [ClaimedJob] = []
        for (index, queue) in order.enumerated() {
            if case .error(let message) = replies[index] {
                throw RedisError.server(command: "settle", message: message)
            }
            let group = groups[queue]!
            for position in replies[index].array.compactMap(\.integer) { fenced.append(group[position - 1].job) }
        }
        return fenced
    }

    private static func encode(_ settlement: Settlement) throws -> (String, String) {
        switch settlement {
        case .ack: return ("A", "")
        case .retry(let raw, let runAt): return ("R", "\(runAt)|\(raw)")
        case .bury(let letter): return ("D", "\(letter.id)|\(try letter.encoded())")
        case .requeue: return ("Q", "")
        }
    }

    // MARK: leases

    /// Renews this process's leases; returns true when a lease had lapsed meanwhile.
    @discardableResult
    public func heartbeat(queues: [String], info: String) throws -> Bool {
        let leaseMs = Int(settings.leaseSeconds * 1000)
        let leases = try connection.evalPipeline(queues.map { QueueScripts.heartbeatCall(keys.queue($0), pid: processId, leaseMs: leaseMs) })
        try checked(leases)
        // Best effort: the registry feeds `creatorflow workers`; Redis at maxmemory refuses it,
        // and the lease (allow-oom) matters more than the view.
        _ = try connection.pipeline(
            [["SET", keys.process(processId), info, "PX", String(leaseMs)], ["SADD", keys.processes, processId]]
                + queues.map { ["SADD", keys.queues, $0] })
        let lapsed = leases.contains { $0.isNull }
        defer { hasHeartbeaten = true }
        return hasHeartbeaten && lapsed
    }

    private var hasHeartbeaten = false

    /// Drops this process's leases at a clean exit.
    public func deregister(queues: [String]) throws {
        var commands: [[String]] = [["DEL", keys.process(processId)], ["SREM", keys.processes, processId]]
        for queue in queues {
            let q = keys.queue(queue)
            commands.append(["DEL", q.lease(processId)])
        }
        try checked(connection.pipeline(commands))
    }

    // MARK: maintenance

    /// This process's own in-flight entries for `queue`.
    public func ownInFlight(queue: String) throws -> [String] {
        try connection.command(["LRANGE", keys.queue(queue).inflight(processId), "0", "-1"]).strings
    }

    /// Takes a short per-queue lock so only one process performs `role` at a time.
    public func tryLock(_ role: String, queue: String, seconds: Double) throws -> Bool {
        let reply = try connection.command([
            "SET", keys.queue(queue).lock(role), processId, "NX", "PX", String(Int(seconds * 1000)),
        ])
        return !reply.isNull
    }

    /// Takes a short fleet-wide lock named `role` (for work not tied to one queue).
    public func tryGlobalLock(_ role: String, seconds: Double) throws -> Bool {
        let reply = try connection.command(["SET", keys.lock(role), processId, "NX", "PX", String(Int(seconds * 1000))])
        return !reply.isNull
    }

    /// Extends a fleet-wide lock this process holds by `seconds` from now; false when it no longer
    /// holds it (it expired and another process may have taken it).
    public func renewGlobalLock(_ role: String, seconds: Double) throws -> Bool {
        let reply = try connection.eval(
            QueueScripts.renewLock, keys: [keys.lock(role)], args: [processId, String(Int(seconds * 1000))])
        return reply.integer == 1
    }

    /// Releases a fleet-wide lock if this process still holds it.
    public func releaseGlobalLock(_ role: String) throws { try releaseLock(keys.lock(role)) }

    private func releaseLock(_ key: String) throws {
        _ = try connection.eval(QueueScripts.unlock, keys: [key], args: [processId])
    }

    /// Every queue name this deployment has seen.
    public func allQueues() throws -> [String] { try connection.queueNames(keys) }

    /// Takes back in-flight jobs of processes whose lease expired (one reaper per queue at a time).
    public func reapExpired(now: Double) throws -> Int {
        var total = 0
        for queue in try allQueues() where try tryLock("reap", queue: queue, seconds: 5) {
            defer { try? releaseLock(keys.queue(queue).lock("reap")) }
            let q = keys.queue(queue)
            let pids = try connection.command(["SMEMBERS", q.processes]).strings.filter { $0 != processId }
            if pids.isEmpty { continue }
            let alive = try checked(connection.pipeline(pids.map { ["EXISTS", q.lease($0)] }))
            for (pid, lease) in zip(pids, alive) where lease.integer == 0 {
                total += try reap(queue: queue, pid: pid, now: now)
            }
        }
        return total
    }

    private func reap(queue: String, pid: String, now: Double) throws -> Int {
        let q = keys.queue(queue)
        let raws = try connection.command(["LRANGE", q.inflight(pid), "0", "-1"]).strings
        var args = [pid, String(now)]
        for raw in raws {
            args.append(raw)
            guard var envelope = try? JobEnvelope.decode(raw) else {
                let letter = FailureDecision.garbage(
                    raw: raw, queue: queue, error: "found in the in-flight list of dead process \(pid)", now: now,
                    id: UUID().uuidString.lowercased())
                args.append(contentsOf: ["D", "\(letter.id)|\(try letter.encoded())"])
                continue
            }
            envelope.recoveries += 1
            if envelope.recoveries > settings.maxRecoveries {
                envelope.history.append(AttemptRecord(
                    attempt: envelope.attempt, error: "process \(pid) died while running it", at: now, process: pid))
                let letter = FailureDecision.deadLetter(
                    envelope, error: "poison pill: its worker process died \(envelope.recoveries) times while running it",
                    now: now)
                args.append(contentsOf: ["D", "\(letter.id)|\(try letter.encoded())"])
            } else {
                args.append(contentsOf: ["Q", try envelope.encoded()])
            }
        }
        let call = QueueScripts.reapCall(q, pid: pid, args: args)
        let moved = try connection.eval(call.script, keys: call.keys, args: call.args).integer ?? 0
        if moved > 0 { connection.wakeFetchers(keys) }
        return max(moved, 0)
    }

    /// Moves due retries and delayed jobs onto their queues; returns how many.
    public func promoteDue(queues: [String], now: Double) throws -> Int {
        var total = 0
        for queue in queues {
            let q = keys.queue(queue)
            for zset in [q.retry, q.scheduled] {
                while true {
                    let call = QueueScripts.promoteCall(from: zset, q, now: now, limit: 500)
                    let moved = try connection.eval(call.script, keys: call.keys, args: call.args).integer ?? 0
                    total += moved
                    if moved < 500 { break }
                }
            }
        }
        if total > 0 { connection.wakeFetchers(keys) }
        return total
    }

    @discardableResult
    private func checked(_ replies: [RedisReply]) throws -> [RedisReply] {
        for reply in replies {
            if case .error(let message) = reply { throw RedisError.server(command: "pipeline", message: message) }
        }
        return replies
    }
}
