// How urgent a SKU's stock is, by hours of stock left (S001/I001 thresholds).

/// S001's alert level for a SKU.
public enum StockLevel: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// Less than 6 hours of stock (or none): CRITICAL STOCK ALERT, emergency reorder.
    case critical
    /// 6 to 24 hours inclusive: S001 leaves this band unnamed; we call it warning.
    case warning
    /// More than 24 hours, or no sales at all: MONITORING.
    case monitoring

    /// Below this many hours of stock the level is critical: 6 (S001).
    public static let criticalBelowHours = 6.0
    /// Above this many hours of stock the level is monitoring: 24 (S001).
    public static let monitoringAboveHours = 24.0

    /// The level for `depletionHours` of stock left; nil means the SKU is not selling.
    public init(depletionHours: Double?) {
        guard let hours = depletionHours else {
            self = .monitoring
            return
        }
        if hours < Self.criticalBelowHours {
            self = .critical
        } else if hours > Self.monitoringAboveHours {
            self = .monitoring
        } else {
            self = .warning
        }
    }
}
