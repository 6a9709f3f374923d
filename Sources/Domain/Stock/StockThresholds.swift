// Where a SKU's hours of stock turn from monitoring to warning to critical: the S001 defaults,
// overridable per deployment (`thresholds.*` in config).

/// The hours-of-stock bounds of the stock levels.
public struct StockThresholds: Sendable, Equatable {
    /// Below this many hours of stock the level is critical: 6 (S001).
    public var criticalBelowHours: Double
    /// Above this many hours of stock the level is monitoring: 24 (S001).
    public var monitoringAboveHours: Double

    public init(criticalBelowHours: Double = 6, monitoringAboveHours: Double = 24) {
        self.criticalBelowHours = criticalBelowHours
        self.monitoringAboveHours = monitoringAboveHours
    }

    /// S001's thresholds.
    public static let standard = StockThresholds()
}
