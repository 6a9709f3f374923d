// An order's priority from its SKUs' outlooks, the buyer's tier and the shipment's complexity.

import Domain

/// Scores orders. Pure.
public enum OrderPriority {
    /// The order's score: the most viral and most urgent of its SKUs set the demand factors (one
    /// scarce SKU makes the whole order urgent).
    public static func score(
        outlooks: [SkuOutlook], tier: CustomerTier, complexity: Double, thresholds: StockThresholds = .standard
    ) -> PriorityScore {
        let factors = PriorityFactors(
            creatorVelocityMultiplier: outlooks.map(\.signal.multiplier).max() ?? 1,
            productDemandScore: outlooks.map(\.signal.score).max() ?? 0,
            customerTier: tier,
            inventoryUrgency: outlooks.map { PriorityFactors.inventoryUrgency(hoursOfStock: $0.forecast.depletionHours, thresholds: thresholds) }
                .max() ?? 0,
            shippingComplexity: complexity)
        return PriorityScore(factors)
    }
}
