// The three priority classes of S001 and the worker queue each one is routed to.

/// HIGH, MEDIUM or LOW, from a ``PriorityScore``.
public enum Priority: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case high = "HIGH"
    case medium = "MEDIUM"
    case low = "LOW"

    /// Lowest score that is HIGH: 60.
    public static let highFrom = 60
    /// Lowest score that is MEDIUM: 30 (so LOW is 1–29).
    public static let mediumFrom = 30

    /// The class of a score: 60–100 HIGH, 30–59 MEDIUM, 1–29 LOW.
    public init(score: PriorityScore) {
        if score.value >= Self.highFrom {
            self = .high
        } else if score.value >= Self.mediumFrom {
            self = .medium
        } else {
            self = .low
        }
    }

    /// The queue its jobs go to: HIGH → `critical`, MEDIUM → `default`, LOW → `low`.
    public var queue: String {
        switch self {
        case .high: return "critical"
        case .medium: return "default"
        case .low: return "low"
        }
    }
}
