// Periodic fleet-wide jobs fired by the scheduler.

/// Probes every subsystem, stores the result and raises or resolves alerts.
public struct HealthProbeJob: JobPayload, Equatable {
    public static let kind = "health-probe"
    public static let defaultQueue = "critical"
    public init() {}
}

/// Finds orders that made no progress for a while and enqueues their next step again.
public struct SweepJob: JobPayload, Equatable {
    public static let kind = "sweep"
    public static let defaultQueue = "low"
    public init() {}
}

/// Polls every connected shop's video performance (TikTok Shop Analytics) and stores the snapshots
/// the content signal is derived from.
public struct ContentSyncJob: JobPayload, Equatable {
    public static let kind = "content-sync"
    public static let defaultQueue = "low"
    public init() {}
}

/// Enqueues `reorder` for every SKU, so the planner looks at each one at least once per tick.
public struct ReplenishJob: JobPayload, Equatable {
    public static let kind = "replenish"
    public static let defaultQueue = "low"
    public init() {}
}
