// The status one health probe reports for its subsystem (S001 `SystemHealthMetrics.status`).

/// A subsystem's status, with the points it contributes to the health score.
public enum SubsystemStatus: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case healthy
    case degraded
    case critical
    case down

    /// Points out of 100: healthy 100, degraded 50, critical 20, down 0. Degraded = 50 reproduces
    /// I001's worked example (two healthy and one degraded critical system, one degraded
    /// non-critical → 78).
    public var points: Int {
        switch self {
        case .healthy: return 100
        case .degraded: return 50
        case .critical: return 20
        case .down: return 0
        }
    }
}
