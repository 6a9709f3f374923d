// The operator's and readers' side of the queues: dead letters, the snapshot and counters, retries
// and delayed jobs, pause, worker processes and duration histograms. The CLI, `/metrics` and the
// health probe read through it; workers never do. Same keys (Keys.swift) and scripts as
// RedisJobQueue, the workers' hot path.

import Redis

/// The queues as operators see them, over one connection used from one thread at a time.
public struct QueueAdmin {
    public let connection: RedisConnection
    public let settings: QueueSettings

    public init(connection: RedisConnection, settings: QueueSettings) {
        self.connection = connection
        self.settings = settings
    }

    /// Every queue name this deployment has seen.
    public func allQueues() throws -> [String] { try connection.queueNames(settings.keys) }
}
