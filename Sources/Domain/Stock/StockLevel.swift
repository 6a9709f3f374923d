// How urgent a SKU's stock is, by hours of stock left (S001/I001 thresholds).

/// S001's alert level for a SKU.
public enum StockLevel: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// Less than the critical threshold (6 h) of stock, or none: CRITICAL STOCK ALERT, emergency reorder.
    case critical
    /// Between the thresholds, inclusive: S001 leaves this band unnamed; we call it warning.
    case warning
    /// More than the monitoring threshold (24 h), or no sales at all: MONITORING.
    case monitoring

    /// The level for `depletionHours` of stock left; nil means the SKU is not selling.
    public init(depletionHours: Double?, thresholds: StockThresholds = .standard) {
        guard let hours = depletionHours else {
            self = .monitoring
            return
        }
        if hours < thresholds.criticalBelowHours {
            self = .critical
        } else if hours > thresholds.monitoringAboveHours {
            self = .monitoring
        } else {
            self = .warning
        }
    }
}
