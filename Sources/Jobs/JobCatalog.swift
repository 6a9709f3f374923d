// Every job kind this build knows, by stable name.

/// The job catalogue.
public enum JobCatalog {
    /// All payload types, for validation of operator input.
    public static let all: [any JobPayload.Type] = [
        NoopJob.self, SleepJob.self, FailJob.self, ClassifyJob.self, ReserveJob.self, LabelJob.self, TrackingSyncJob.self, TrackingUpdateJob.self,
        ReorderJob.self, StockSyncJob.self, HealthProbeJob.self, SweepJob.self, TikTokPingJob.self, ContentSyncJob.self,
        ReplenishJob.self,
    ]

    /// The payload type of `kind`, if this build knows it.
    public static func payload(for kind: String) -> (any JobPayload.Type)? {
        all.first { $0.kind == kind }
    }
}
