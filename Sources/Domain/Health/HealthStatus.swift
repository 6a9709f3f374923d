// The fleet's overall health as shown on the dashboard and alerted on: healthy, warning, critical.

/// Overall health (GREEN / YELLOW / RED).
public enum HealthStatus: String, Sendable, Equatable, Hashable, Codable, CaseIterable, Comparable {
    case healthy
    case warning
    case critical

    /// The alert severity to hold open for this status; nil when healthy.
    public var alertSeverity: AlertSeverity? {
        switch self {
        case .healthy: return nil
        case .warning: return .warning
        case .critical: return .critical
        }
    }

    public static func < (a: HealthStatus, b: HealthStatus) -> Bool { a.rank < b.rank }

    private var rank: Int {
        switch self {
        case .healthy: return 0
        case .warning: return 1
        case .critical: return 2
        }
    }
}
