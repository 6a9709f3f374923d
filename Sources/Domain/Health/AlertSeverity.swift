// How loud an open alert is.

/// Severity of an open alert (the `alerts.severity` column).
public enum AlertSeverity: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case warning
    case critical
}
