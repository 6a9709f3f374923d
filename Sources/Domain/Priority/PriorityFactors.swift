// The inputs to an order's priority score (S001 `PriorityFactors`), each with its documented range.

/// What the priority score is computed from. Out-of-range values are clamped and non-finite ones
/// count as the lowest value, so a bad input can lower an order's priority but never break scoring.
public struct PriorityFactors: Sendable, Equatable {
    /// Demand multiplier from recent viral activity, 1.0–5.0 (S001); pass ``ViralSignal/multiplier``.
    public var creatorVelocityMultiplier: Double
    /// Real-time product demand, 0–100; pass ``ViralSignal/score``.
    public var productDemandScore: Double
    public var customerTier: CustomerTier
    /// How close the order's SKUs are to running out, 0–1; see ``inventoryUrgency(hoursOfStock:)``.
    public var inventoryUrgency: Double
    /// Address/carrier complexity, 0–1 (0 domestic standard parcel, 1 remote, international or
    /// dangerous goods). Complex shipments need more lead time, so complexity raises priority.
    public var shippingComplexity: Double

    public init(
        creatorVelocityMultiplier: Double = 1, productDemandScore: Double = 0, customerTier: CustomerTier = .new,
        inventoryUrgency: Double = 0, shippingComplexity: Double = 0
    ) {
        self.creatorVelocityMultiplier = creatorVelocityMultiplier
        self.productDemandScore = productDemandScore
        self.customerTier = customerTier
        self.inventoryUrgency = inventoryUrgency
        self.shippingComplexity = shippingComplexity
    }

    /// Urgency from the hours of stock left for the SKU: 1 at or below the critical threshold
    /// (6 h by default), 0 at or above the monitoring threshold (24 h), linear between; nil (no
    /// sales, so no depletion) is 0.
    public static func inventoryUrgency(hoursOfStock: Double?, thresholds: StockThresholds = .standard) -> Double {
        guard let hours = hoursOfStock, !hours.isNaN else { return 0 }
        let critical = thresholds.criticalBelowHours
        let monitoring = thresholds.monitoringAboveHours
        if hours <= critical { return 1 }
        if hours >= monitoring { return 0 }
        return (monitoring - hours) / (monitoring - critical)
    }
}
