// What a worker process needs from the queue, one session per thread: claims, batched settlement,
// leases, duration totals, and the maintenance thread's promotion, reaping and orphan checks.
// RedisJobQueue is the production session; TestSupport's InMemoryQueueSession runs the worker loop
// in unit tests without Redis.

/// One thread's session with the queue, as a worker process uses it (not shared between threads).
public protocol QueueSession: AnyObject {
    /// Claims up to `max` jobs from `queue` into this process's in-flight list without waiting;
    /// throws `LeaseLost` when this process's lease on the queue lapsed.
    func claim(from queue: String, max: Int) throws -> [ClaimedJob]

    /// Waits up to `timeout` seconds for jobs to land on some queue (`FetcherWake`); false when
    /// none did. The caller then claims as usual.
    func waitForWork(timeout: Double) throws -> Bool

    /// Settles a batch of finished attempts; returns the jobs that were fenced off (reclaimed).
    @discardableResult
    func settle(_ jobs: [SettledJob], now: Double) throws -> [ClaimedJob]

    /// Renews this process's leases and publishes `info`; true when a lease had lapsed meanwhile.
    @discardableResult
    func heartbeat(queues: [String], info: String) throws -> Bool

    /// Drops this process's leases at a clean exit.
    func deregister(queues: [String]) throws

    /// Adds job-duration histograms (by queue, then kind) to the fleet's totals.
    func publishDurations(_ histograms: [String: [String: JobDurationHistogram]]) throws

    /// Dead letters the caps dropped and not yet archived, at most `limit` of one queue.
    func deadOverflow(queue: String, limit: Int) throws -> [DeadLetter]

    /// Forgets overflow dead letters once they are archived.
    func forgetOverflow(queue: String, ids: [String]) throws

    /// This process's own in-flight entries for `queue`.
    func ownInFlight(queue: String) throws -> [String]

    /// Every queue name this deployment has seen.
    func allQueues() throws -> [String]

    /// Takes a short per-queue lock so only one process performs `role` at a time.
    func tryLock(_ role: String, queue: String, seconds: Double) throws -> Bool

    /// Takes back in-flight jobs of processes whose lease expired; returns how many.
    func reapExpired(now: Double) throws -> Int

    /// Moves due retries and delayed jobs onto their queues; returns how many.
    func promoteDue(queues: [String], now: Double) throws -> Int
}
