// An order's 1–100 priority score: a weighted sum of the S001 priority factors.

/// A priority score, always within 1…100.
///
/// `score = 1 + round(99 × Σ weightᵢ × factorᵢ)`, each factor normalised to 0…1:
///
/// | factor | normalisation | weight |
/// |---|---|---|
/// | creator velocity | (multiplier − 1) / 4, so 1× → 0, 5× → 1 | 0.40 |
/// | product demand | score / 100 | 0.25 |
/// | inventory urgency | as given | 0.20 |
/// | customer tier | NEW 0, REPEAT 0.5, VIP 1 | 0.10 |
/// | shipping complexity | as given | 0.05 |
///
/// Viral demand dominates on purpose: a 5× order with demand ≥ 80 scores ≥ 60 (HIGH) whatever the
/// customer, while a quiet order from a NEW customer with plenty of stock scores near 1 (LOW).
public struct PriorityScore: Sendable, Equatable, Hashable, Comparable {
    public static let velocityWeight = 0.40
    public static let demandWeight = 0.25
    public static let urgencyWeight = 0.20
    public static let tierWeight = 0.10
    public static let complexityWeight = 0.05

    /// 1…100.
    public let value: Int

    /// `value` clamped into 1…100.
    public init(clamping value: Int) {
        self.value = min(max(value, 1), 100)
    }

    /// The score of an order with these factors.
    public init(_ factors: PriorityFactors) {
        let velocity = (Self.clamp(factors.creatorVelocityMultiplier, 1, 5) - 1) / 4
        let demand = Self.clamp(factors.productDemandScore, 0, 100) / 100
        let urgency = Self.clamp(factors.inventoryUrgency, 0, 1)
        let complexity = Self.clamp(factors.shippingComplexity, 0, 1)
        let sum =
            Self.velocityWeight * velocity + Self.demandWeight * demand + Self.urgencyWeight * urgency
            + Self.tierWeight * factors.customerTier.weight + Self.complexityWeight * complexity
        self.init(clamping: 1 + Int((99 * sum).rounded()))
    }

    public var priority: Priority { Priority(score: self) }

    /// The queue for this score's priority (`critical`, `default` or `low`).
    public var queue: String { priority.queue }

    public static func < (a: PriorityScore, b: PriorityScore) -> Bool { a.value < b.value }

    /// `x` within `lo…hi`; NaN becomes `lo`.
    private static func clamp(_ x: Double, _ lo: Double, _ hi: Double) -> Double {
        x.isNaN ? lo : min(max(x, lo), hi)
    }
}
