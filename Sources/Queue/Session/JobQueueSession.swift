// The operations a worker process needs from a queue backend, used from one thread at a time.
// Redis implements it for production; the in-memory queue implements it for worker-loop tests.

/// One thread's handle on the queue.
public protocol JobQueueSession {
    /// Adds jobs to the end of their queues.
    func enqueue(_ envelopes: [JobEnvelope]) throws
    /// Adds a job that becomes runnable at `runAt` (Unix seconds).
    func schedule(_ envelope: JobEnvelope, runAt: Double) throws
    /// Claims up to `max` jobs from `queue` into this process's in-flight list, without waiting.
    func claim(from queue: String, max: Int) throws -> [ClaimedJob]
    /// Waits up to `timeout` seconds for one job on `queue` and claims it.
    func waitAndClaim(from queue: String, timeout: Double) throws -> ClaimedJob?
    /// Acknowledges a batch of settled attempts; returns the jobs that were fenced off.
    @discardableResult
    func settle(_ jobs: [SettledJob], now: Double) throws -> [ClaimedJob]
    /// Renews this process's leases; returns true when a lease had lapsed meanwhile.
    @discardableResult
    func heartbeat(queues: [String], info: String) throws -> Bool
    /// Drops this process's leases at a clean exit.
    func deregister(queues: [String]) throws
    /// Takes back in-flight jobs of processes whose lease expired; returns how many.
    func reapExpired(now: Double) throws -> Int
    /// Moves due retries and delayed jobs onto their queues; returns how many.
    func promoteDue(queues: [String], now: Double) throws -> Int
}
