// Settings shared by every connection of a deployment: key prefix, leases, dead-letter caps.

/// How the queue is laid out in Redis and how long it keeps things.
public struct QueueSettings: Sendable, Equatable {
    public var keys: Keys
    /// A process that has not heartbeated for this long is presumed dead and reaped.
    public var leaseSeconds: Double
    /// Dead letters kept at most (Sidekiq: 10,000).
    public var deadMaxCount: Int
    /// Dead letters older than this are dropped (Sidekiq: 180 days).
    public var deadMaxAgeSeconds: Double
    /// A job taken back from dead processes more often than this is a poison pill: buried.
    public var maxRecoveries: Int

    public init(
        keys: Keys = Keys(), leaseSeconds: Double = 10, deadMaxCount: Int = 10_000,
        deadMaxAgeSeconds: Double = 180 * 86_400, maxRecoveries: Int = 3
    ) {
        self.keys = keys
        self.leaseSeconds = leaseSeconds
        self.deadMaxCount = deadMaxCount
        self.deadMaxAgeSeconds = deadMaxAgeSeconds
        self.maxRecoveries = maxRecoveries
    }
}
