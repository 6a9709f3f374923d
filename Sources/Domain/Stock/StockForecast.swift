// Stock depletion forecast for one SKU (S001 `StockPrediction`): burn rate, hours left, confidence,
// alert level and the purchase decision, from the viral detector's signal.

/// A forecast for one SKU, made by ``make(availableStock:onOrder:signal:policy:)``.
///
/// - **Burn rate** (units/h): the measured rate, `max(recentRate, baselineRate)` when the recent
///   window is reliable (``ViralSignal/recentIsReliable``), else `baselineRate` (a few stray orders
///   in 30 minutes neither raise nor lower it), else `recentRate` for a SKU with no history at all.
///   When content metrics predict more (`baselineRate ×` S001's content multiplier), that wins.
/// - **Depletion hours** = available stock / burn rate; nil when nothing sells; 0 when out of stock.
/// - **Confidence** (0–95): `100 × (1 − 1/√(n + 1))` for the n units the chosen rate was measured
///   on (Poisson relative error); S001's `min(score, 95)` when the content prediction set the rate.
/// - **Level**: critical < 6 h, warning 6–24 h, monitoring > 24 h (``StockLevel``).
/// - **Purchase**: critical → emergency (express), as S001; warning → standard (S001 is silent; an
///   express order is kept for the < 6 h case so noise near 24 h never buys express); monitoring →
///   standard once stock lasts no longer than the standard lead time plus its cover (the reorder
///   point), else none.
/// - **Quantity** = `⌈need + safety⌉ − available − onOrder`, with `need = burn × (lead time + cover)`
///   (express lead time for emergency orders; cover = spike duration during a spike, else the
///   standard cover) and `safety = max(need × safetyStockFraction, safetyStockUnits)`. A quantity of
///   0 or less means `.none`.
public struct StockForecast: Sendable, Equatable {
    public var availableStock: Int
    public var burnRatePerHour: Double
    public var depletionHours: Double?
    public var confidence: Int
    public var level: StockLevel
    public var purchase: PurchaseDecision
    public var isSpike: Bool

    public init(
        availableStock: Int, burnRatePerHour: Double, depletionHours: Double?, confidence: Int, level: StockLevel,
        purchase: PurchaseDecision, isSpike: Bool
    ) {
        self.availableStock = availableStock
        self.burnRatePerHour = burnRatePerHour
        self.depletionHours = depletionHours
        self.confidence = confidence
        self.level = level
        self.purchase = purchase
        self.isSpike = isSpike
    }

    /// The highest confidence a forecast claims: 95 (S001).
    public static let maximumConfidence = 95

    /// The forecast for a SKU with `availableStock` units free to sell (on hand − reserved; negative
    /// counts as 0) and `onOrder` units on open purchase orders.
    public static func make(
        availableStock: Int, onOrder: Int = 0, signal: ViralSignal, policy: StockPolicy = StockPolicy()
    ) -> StockForecast {
        let stock = max(availableStock, 0)
        let velocity = signal.velocity
        let measured: (rate: Double, units: Int)
        if signal.recentIsReliable {
            measured =
                velocity.recentRate >= velocity.baselineRate
                ? (velocity.recentRate, velocity.recentUnits) : (velocity.baselineRate, velocity.baselineUnits)
        } else if velocity.baselineUnits > 0 {
            measured = (velocity.baselineRate, velocity.baselineUnits)
        } else {
            measured = (velocity.recentRate, velocity.recentUnits)
        }
        let contentMultiplier = signal.contentScore.map(ViralDetector.contentMultiplier(score:)) ?? 1
        let predicted = velocity.baselineRate * contentMultiplier

        let burn: Double
        let confidence: Double
        if let contentScore = signal.contentScore, predicted > measured.rate {
            burn = predicted
            confidence = contentScore
        } else {
            burn = measured.rate
            confidence = 100 * (1 - 1 / (Double(measured.units) + 1).squareRoot())
        }

        let depletion: Double? = burn > 0 ? Double(stock) / burn : (stock == 0 ? 0 : nil)
        let level = StockLevel(depletionHours: depletion, thresholds: policy.thresholds)
        let purchase = decide(
            level: level, depletion: depletion, burn: burn, stock: stock, onOrder: max(onOrder, 0),
            isSpike: signal.isSpike, policy: policy)
        return StockForecast(
            availableStock: stock, burnRatePerHour: burn, depletionHours: depletion,
            confidence: Int(min(max(confidence, 0), Double(maximumConfidence)).rounded()), level: level,
            purchase: purchase, isSpike: signal.isSpike)
    }

    private static func decide(
        level: StockLevel, depletion: Double?, burn: Double, stock: Int, onOrder: Int, isSpike: Bool,
        policy: StockPolicy
    ) -> PurchaseDecision {
        guard let depletion, burn > 0 else { return .none }
        let cover = isSpike ? policy.spikeDurationHours : policy.standardCoverHours
        if level == .monitoring, depletion > policy.standardLeadTimeHours + policy.standardCoverHours {
            return .none
        }
        let emergency = level == .critical
        let leadTime = emergency ? policy.expressLeadTimeHours : policy.standardLeadTimeHours
        let need = burn * (leadTime + cover)
        let safety = max(need * policy.safetyStockFraction, Double(policy.safetyStockUnits))
        let quantity = roundedUp(need + safety) - stock - onOrder
        guard quantity > 0 else { return .none }
        return emergency ? .emergency(quantity: quantity) : .standard(quantity: quantity)
    }

    /// `⌈x⌉`, ignoring floating-point noise below a millionth (so 1728.0000000002 is 1728).
    private static func roundedUp(_ x: Double) -> Int {
        Int(((x * 1_000_000).rounded() / 1_000_000).rounded(.up))
    }
}
