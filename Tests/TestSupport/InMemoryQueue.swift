// A job queue held in this process's memory, with the Redis queue's rules: a claim moves a job
// into the claiming process's in-flight list, settlement removes that exact entry (or is fenced),
// retries and delayed jobs wait until promoted, dead letters and counters are kept. It lets the
// worker loop run in unit tests with no Redis. Leases never lapse here, so nothing is reaped.

import Foundation
import Queue

/// The shared state of an in-memory queue; each worker thread opens its own session on it.
public final class InMemoryQueue: Sendable {
    struct State {
        /// Waiting jobs per queue, the next to claim first.
        var jobs: [String: [String]] = [:]
        /// In-flight entries per process, then per queue.
        var inFlight: [String: [String: [String]]] = [:]
        /// Retries and delayed jobs per queue, with the time they become runnable.
        var waiting: [String: [(runAt: Double, raw: String)]] = [:]
        var dead: [String: [DeadLetter]] = [:]
        /// `processed`, `failed`, `retried`, `dead`, and the same per kind (`processed:KIND`).
        var counters: [String: Int] = [:]
        var queues: Set<String> = []
        /// Lock expiry times by `queue/role`.
        var locks: [String: Double] = [:]
        /// Each live process's published info.
        var workers: [String: String] = [:]
        var durations: [String: [String: JobDurationHistogram]] = [:]
        /// Wake-up tokens for idle fetchers, as `Keys.wake` holds them (at most 8).
        var wakeTokens = 0

        /// Jobs landed on a queue: one more token.
        mutating func wake() { wakeTokens = min(wakeTokens + 1, 8) }
    }

    let state = Locked(State())

    public init() {}

    /// A session for process `processId`, as a worker thread opens one.
    public func session(processId: String) -> InMemoryQueueSession {
        InMemoryQueueSession(queue: self, processId: processId)
    }

    /// Adds jobs to the end of their queues.
    public func enqueue(_ jobs: [EncodedJob]) {
        state.withLock { s in
            for job in jobs {
                s.queues.insert(job.queue)
                s.jobs[job.queue, default: []].append(job.raw)
            }
            if !jobs.isEmpty { s.wake() }
        }
    }

    /// A fleet counter (`processed`, `failed`, `retried`, `dead`) or one kind's (`processed:noop`).
    public func counter(_ name: String) -> Int { state.withLock { $0.counters[name] ?? 0 } }

    /// Dead letters of `queue`, oldest first.
    public func deadLetters(queue: String = "default") -> [DeadLetter] { state.withLock { $0.dead[queue] ?? [] } }

    /// Jobs waiting on `queue` (not retries or delayed jobs).
    public func size(queue: String = "default") -> Int { state.withLock { $0.jobs[queue]?.count ?? 0 } }

    /// Jobs in flight on `queue`, across processes.
    public func inFlight(queue: String = "default") -> Int {
        state.withLock { s in s.inFlight.values.reduce(0) { $0 + ($1[queue]?.count ?? 0) } }
    }

    /// Retries and delayed jobs waiting on `queue`.
    public func waitingCount(queue: String = "default") -> Int { state.withLock { $0.waiting[queue]?.count ?? 0 } }

    /// Processes that heartbeated and have not deregistered.
    public var workerIds: [String] { state.withLock { $0.workers.keys.sorted() } }

    /// Job-duration totals published so far, by queue then kind.
    public var durations: [String: [String: JobDurationHistogram]] { state.withLock { $0.durations } }
}
