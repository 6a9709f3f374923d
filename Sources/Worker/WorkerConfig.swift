// Settings of one worker process, with production defaults. Read from config/ and the
// environment by the binary only.

import Queue

/// Per-kind policy: retries, time limit and default queue.
public struct KindPolicy: Sendable, Equatable {
    public var retry: RetryPolicy
    /// Seconds an attempt may run before it is failed and retried.
    public var timeoutSeconds: Double
    public var queue: String?

    public init(retry: RetryPolicy = .sidekiq, timeoutSeconds: Double = 300, queue: String? = nil) {
        self.retry = retry
        self.timeoutSeconds = timeoutSeconds
        self.queue = queue
    }
}

/// Everything a worker process needs to run.
public struct WorkerConfig: Sendable {
    public var queue: QueueSettings
    public var order: QueueOrder
    /// Job slots: handlers running at once, each on its own thread.
    public var concurrency: Int
    /// Jobs claimed ahead of free slots (they sit in this process's in-flight list meanwhile).
    public var prefetch: Int
    /// On SIGTERM, how long running jobs may finish before they are pushed back.
    public var shutdownDeadlineSeconds: Double
    public var heartbeatSeconds: Double
    public var reapIntervalSeconds: Double
    public var promoteIntervalSeconds: Double
    /// How long an idle fetcher waits for a wake-up token before claiming again anyway (≤ 2 s so
    /// shutdown is noticed); a job whose token another process took waits up to this long.
    public var idleWaitSeconds: Double
    /// How long the acker waits for more finished attempts before settling a batch, while jobs run.
    public var ackWindowSeconds: Double
    public var defaultPolicy: KindPolicy
    public var policies: [String: KindPolicy]

    public init(
        queue: QueueSettings = QueueSettings(), order: QueueOrder = .strict(["critical", "default", "low"]),
        concurrency: Int = 10, prefetch: Int = 20, shutdownDeadlineSeconds: Double = 25,
        heartbeatSeconds: Double = 2, reapIntervalSeconds: Double = 5, promoteIntervalSeconds: Double = 1,
        idleWaitSeconds: Double = 0.3, ackWindowSeconds: Double = 0.05, defaultPolicy: KindPolicy = KindPolicy(),
        policies: [String: KindPolicy] = [:]
    ) {
        self.queue = queue
        self.order = order
        self.concurrency = concurrency
        self.prefetch = prefetch
        self.shutdownDeadlineSeconds = shutdownDeadlineSeconds
        self.heartbeatSeconds = heartbeatSeconds
        self.reapIntervalSeconds = reapIntervalSeconds
        self.promoteIntervalSeconds = promoteIntervalSeconds
        self.idleWaitSeconds = idleWaitSeconds
        self.ackWindowSeconds = ackWindowSeconds
        self.defaultPolicy = defaultPolicy
        self.policies = policies
    }

    /// The policy for `kind`, falling back to the default.
    public func policy(for kind: String) -> KindPolicy { policies[kind] ?? defaultPolicy }
}
