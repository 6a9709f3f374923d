// The knobs of the stock forecast: supplier lead times, how long demand must be covered, safety stock.

/// Reorder parameters for one SKU. Defaults come from S001/I001 where they give a number.
public struct StockPolicy: Sendable, Equatable {
    /// Supplier lead time of an express (emergency) order, hours: 24 (S001's express assumption).
    public var expressLeadTimeHours: Double
    /// Supplier lead time of a standard order, hours: 72 (S001 is silent; per SKU in `inventory`).
    public var standardLeadTimeHours: Double
    /// How long a viral spike is expected to last, hours: 48 (I001's estimate).
    public var spikeDurationHours: Double
    /// Demand covered beyond the lead time outside a spike, hours: 72 (S001's "3 days supply").
    public var standardCoverHours: Double
    /// Safety stock as a fraction of the covered demand: 0.2 (I001's 20 %).
    public var safetyStockFraction: Double
    /// Minimum safety stock in units (`inventory.safety_stock`): 0.
    public var safetyStockUnits: Int
    /// Hours of stock that make a SKU critical or leave it at monitoring.
    public var thresholds: StockThresholds

    public init(
        expressLeadTimeHours: Double = 24, standardLeadTimeHours: Double = 72, spikeDurationHours: Double = 48,
        standardCoverHours: Double = 72, safetyStockFraction: Double = 0.2, safetyStockUnits: Int = 0,
        thresholds: StockThresholds = .standard
    ) {
        self.thresholds = thresholds
        self.expressLeadTimeHours = expressLeadTimeHours
        self.standardLeadTimeHours = standardLeadTimeHours
        self.spikeDurationHours = spikeDurationHours
        self.standardCoverHours = standardCoverHours
        self.safetyStockFraction = safetyStockFraction
        self.safetyStockUnits = safetyStockUnits
    }
}
