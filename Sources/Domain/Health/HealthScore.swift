// Aggregates subsystem probe results into a 0–100 score and an overall status (I001 health flow).

/// The overall health score and status.
///
/// - **Score** = ⌊Σ weight × points / Σ weight⌋, critical subsystems weighing 2 and others 1
///   (I001's 40 % / 20 %), points from ``SubsystemStatus/points``. Rounded down so a score never
///   rounds up into a healthier band (I001's example gives 78.57 → 78).
/// - **Status** is the worst of: the score band (critical below 60, warning below 80, else
///   healthy: I001's thresholds); critical if a critical subsystem is `critical` or `down`
///   (S001); warning if a critical subsystem is `degraded`. A non-critical subsystem (one carrier
///   of several) moves the status only through the score.
/// - No results at all is score 0, critical: nothing shows the fleet is working.
public struct HealthScore: Sendable, Equatable {
    /// Scores below this are critical: 60.
    public static let criticalBelow = 60
    /// Scores below this are at least warning: 80.
    public static let warningBelow = 80
    /// Weight of a critical subsystem: 2.
    public static let criticalWeight = 2
    /// Weight of a non-critical subsystem: 1.
    public static let normalWeight = 1

    /// 0…100.
    public var value: Int
    public var status: HealthStatus

    public init(value: Int, status: HealthStatus) {
        self.value = value
        self.status = status
    }

    /// The score and status of these probe results; the score bands use the given thresholds
    /// (configurable as `thresholds.health_warning` / `health_critical`, I001's 80 and 60 by default).
    public static func evaluate(
        _ results: [SubsystemResult], warningBelow: Int = HealthScore.warningBelow,
        criticalBelow: Int = HealthScore.criticalBelow
    ) -> HealthScore {
        guard !results.isEmpty else { return HealthScore(value: 0, status: .critical) }
        var weighted = 0
        var weights = 0
        var status = HealthStatus.healthy
        for result in results {
            let weight = result.isCritical ? criticalWeight : normalWeight
            weighted += weight * result.status.points
            weights += weight
            guard result.isCritical else { continue }
            switch result.status {
            case .healthy: break
            case .degraded: status = max(status, .warning)
            case .critical, .down: status = .critical
            }
        }
        let value = weighted / weights
        let banded = band(value, warningBelow: warningBelow, criticalBelow: criticalBelow)
        return HealthScore(value: value, status: max(status, banded))
    }

    /// The status a score alone implies: below `criticalBelow` (60) critical, below
    /// `warningBelow` (80) warning, else healthy.
    public static func band(
        _ value: Int, warningBelow: Int = HealthScore.warningBelow, criticalBelow: Int = HealthScore.criticalBelow
    ) -> HealthStatus {
        if value < criticalBelow { return .critical }
        if value < warningBelow { return .warning }
        return .healthy
    }
}
