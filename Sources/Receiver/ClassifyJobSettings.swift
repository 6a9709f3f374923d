// How the receiver enqueues the classify jobs webhooks start: the deployment's key prefix and
// the kind's queue and attempt budget (from config, like every other enqueue).

import Jobs
import Queue

/// Where and with what retry budget classify jobs are enqueued.
public struct ClassifyJobSettings: Sendable {
    /// The deployment's Redis key layout.
    public var queueSettings: QueueSettings
    /// The queue classify jobs go to.
    public var queue: String
    public var maxAttempts: Int

    public init(queueSettings: QueueSettings, queue: String = ClassifyJob.defaultQueue, maxAttempts: Int = 25) {
        self.queueSettings = queueSettings
        self.queue = queue
        self.maxAttempts = maxAttempts
    }
}
