// One probe's result: which subsystem, its status, and whether the fleet cannot work without it.

/// The outcome of probing one subsystem.
public struct SubsystemResult: Sendable, Equatable {
    /// Stable name, also the alert key suffix (`tiktok_api`, `postgres`, `redis`, `carrier.ups`).
    public var name: String
    public var status: SubsystemStatus
    /// Fulfilment stops without it (TikTok API, PostgreSQL, Redis). Weighs double in the score and
    /// can force the overall status (see ``HealthScore``).
    public var isCritical: Bool

    public init(name: String, status: SubsystemStatus, isCritical: Bool) {
        self.name = name
        self.status = status
        self.isCritical = isCritical
    }
}
