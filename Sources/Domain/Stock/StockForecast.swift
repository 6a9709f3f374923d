// Stock depletion forecast for one SKU (S001 `StockPrediction`): burn rate, hours left, confidence
// and alert level, from the viral detector's signal. What to buy is the ReplenishmentPlanner's.

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
public struct StockForecast: Sendable, Equatable {
    public var availableStock: Int
    public var burnRatePerHour: Double
    public var depletionHours: Double?
    public var confidence: Int
    public var level: StockLevel
    public var isSpike: Bool

    public init(
        availableStock: Int, burnRatePerHour: Double, depletionHours: Double?, confidence: Int, level: StockLevel,
        isSpike: Bool
    ) {
        self.availableStock = availableStock
        self.burnRatePerHour = burnRatePerHour
        self.depletionHours = depletionHours
        self.confidence = confidence
        self.level = level
        self.isSpike = isSpike
    }

    /// The highest confidence a forecast claims: 95 (S001).
    public static let maximumConfidence = 95

    /// The forecast for a SKU with `availableStock` units free to sell (on hand − reserved; negative
    /// counts as 0).
    public static func make(
        availableStock: Int, signal: ViralSignal, thresholds: StockThresholds = .standard
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
        let level = StockLevel(depletionHours: depletion, thresholds: thresholds)
        return StockForecast(
            availableStock: stock, burnRatePerHour: burn, depletionHours: depletion,
            confidence: Int(min(max(confidence, 0), Double(maximumConfidence)).rounded()), level: level,
            isSpike: signal.isSpike)
    }
}
