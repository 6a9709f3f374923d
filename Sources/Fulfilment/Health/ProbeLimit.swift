// Two thresholds on one measurement (a latency, a queue's depth or age, dead-letter growth) that
// grade it healthy, degraded or critical.

import Domain

/// At or above `degradedAt` is degraded, at or above `criticalAt` critical, below both healthy.
struct ProbeLimit<Value: Comparable & Sendable>: Sendable {
    var degradedAt: Value
    var criticalAt: Value

    func status(_ value: Value) -> SubsystemStatus {
        if value >= criticalAt { return .critical }
        if value >= degradedAt { return .degraded }
        return .healthy
    }
}

extension SubsystemStatus {
    /// The worst of `statuses` (fewest points); healthy when there are none.
    static func worst(_ statuses: [SubsystemStatus]) -> SubsystemStatus {
        statuses.min { $0.points < $1.points } ?? .healthy
    }
}
