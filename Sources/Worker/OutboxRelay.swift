// The webhook outbox relay: every worker process runs one (in its Housekeeper); a Redis lock
// lets one relay at a time. It re-enqueues webhook events that PostgreSQL holds as unprocessed after a grace period
// (Redis was down at intake, or lost the job), with the job id the receiver used, so every
// acknowledged webhook is processed even if Redis is flushed. Handlers dedupe by event.

import Foundation
import Jobs
import Logging
import Queue
import Store

/// Settings of the relay.
public struct RelaySettings: Sendable {
    /// An unprocessed event is enqueued again this long after its last enqueue.
    public var graceSeconds: Double
    public var intervalSeconds: Double
    public var batchSize: Int
    public var queue: String
    public var maxAttempts: Int

    public init(graceSeconds: Double = 120, intervalSeconds: Double = 5, batchSize: Int = 500, queue: String = ClassifyJob.defaultQueue, maxAttempts: Int = 25) {
        self.graceSeconds = graceSeconds
        self.intervalSeconds = intervalSeconds
        self.batchSize = batchSize
        self.queue = queue
        self.maxAttempts = maxAttempts
    }
}

/// Re-enqueues due webhook events; run by the `Housekeeper` thread.
public struct OutboxRelay: Sendable {
    public let settings: RelaySettings
    private let logger: Logger

    public init(settings: RelaySettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// How long the relay lock lasts without renewal; renewed before each step of a pass.
    static let lockSeconds = 60.0

    /// One pass: if this process holds the relay lock, enqueue due events again. Returns how many.
    /// The lock's owner is the queue session's process id, so a pass that overran the lock cannot
    /// release another process's; it renews the lock before writing and stops if it lost it.
    public func relayOnce(postgres: PostgresConnection, queue: RedisJobQueue, now: Date) throws -> Int {
        guard try queue.tryGlobalLock("relay", seconds: Self.lockSeconds) else { return 0 }
        defer { try? queue.releaseGlobalLock("relay") }
        func stillHeld() throws {
            guard try queue.renewGlobalLock("relay", seconds: Self.lockSeconds) else {
                throw LockLost(role: "relay")
            }
        }
        let store = WebhookEventStore(connection: postgres)
        let due = try store.due(enqueuedBefore: now.addingTimeInterval(-settings.graceSeconds), limit: settings.batchSize)
        var jobs: [EncodedJob] = []
        var orphans: [Int64] = []
        for event in due {
            guard let orderEvent = event.orderEvent else {
                orphans.append(event.id)
                continue
            }
            let job = ClassifyJob.newJob(
                for: orderEvent, queue: settings.queue, maxAttempts: settings.maxAttempts,
                now: now.timeIntervalSince1970)
            jobs.append(try job.encoded())
        }
        try stillHeld()
        for id in orphans {
            logger.error("webhook event without an order cannot be relayed; marked processed", metadata: ["event_id": "\(id)"])
            try store.markProcessed(id: id)
        }
        try stillHeld()
        try queue.enqueue(jobs)
        try store.markEnqueued(ids: due.map(\.id), at: now)
        return jobs.count
    }
}
