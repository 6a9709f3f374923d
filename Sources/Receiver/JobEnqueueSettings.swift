// How the receiver enqueues the jobs webhooks start (classify for TikTok, tracking-update for
// EasyPost): the deployment's key prefix and the kind's queue and attempt budget (from config,
// like every other enqueue).

import Queue

/// Where and with what retry budget one kind of job is enqueued.
public struct JobEnqueueSettings: Sendable {
    /// The queue a kind goes to when config names none.
    public static let defaultQueue = "default"

    /// The deployment's Redis key layout.
    public var queueSettings: QueueSettings
    /// The queue the jobs go to.
    public var queue: String
    public var maxAttempts: Int

    public init(queueSettings: QueueSettings, queue: String = JobEnqueueSettings.defaultQueue, maxAttempts: Int = 25) {
        self.queueSettings = queueSettings
        self.queue = queue
        self.maxAttempts = maxAttempts
    }
}
