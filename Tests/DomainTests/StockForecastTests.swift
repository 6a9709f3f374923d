import Domain
import Testing

@Suite struct StockForecastTests {
    /// A signal with the given rates (units/h) and the units they were measured on.
    func signal(
        recent: Double, recentUnits: Int, baseline: Double, baselineUnits: Int, multiplier: Double = 1,
        isSpike: Bool = false, contentScore: Double? = nil, reliable: Bool = true
    ) -> ViralSignal {
        ViralSignal(
            velocity: OrderVelocity(
                recentUnits: recentUnits, previousUnits: 0, baselineUnits: baselineUnits, recentRate: recent,
                previousRate: 0, baselineRate: baseline, multiplier: recent / max(baseline, 0.5), acceleration: 0),
            contentScore: contentScore, recentIsReliable: reliable, multiplier: multiplier, isSpike: isSpike, score: 0)
    }

    @Test func levelBoundaries() {
        #expect(StockLevel(depletionHours: 0) == .critical)
        #expect(StockLevel(depletionHours: 5.999) == .critical)
        #expect(StockLevel(depletionHours: 6) == .warning)
        #expect(StockLevel(depletionHours: 24) == .warning)
        #expect(StockLevel(depletionHours: 24.001) == .monitoring)
        #expect(StockLevel(depletionHours: nil) == .monitoring)
    }

    @Test func noSalesMeansNoDepletion() {
        let forecast = StockForecast.make(
            availableStock: 50, signal: signal(recent: 0, recentUnits: 0, baseline: 0, baselineUnits: 0))
        #expect(forecast.burnRatePerHour == 0)
        #expect(forecast.depletionHours == nil)
        #expect(forecast.level == .monitoring)
        #expect(forecast.confidence == 0)
    }

    @Test func outOfStockIsCritical() {
        let idle = StockForecast.make(
            availableStock: 0, signal: signal(recent: 0, recentUnits: 0, baseline: 0, baselineUnits: 0))
        #expect(idle.depletionHours == 0)
        #expect(idle.level == .critical)

        let selling = StockForecast.make(
            availableStock: -3, signal: signal(recent: 2, recentUnits: 1, baseline: 2, baselineUnits: 48))
        #expect(selling.availableStock == 0)
        #expect(selling.level == .critical)
    }

    @Test func quietSpellFallsBackToTheBaselineRate() {
        let forecast = StockForecast.make(
            availableStock: 300, signal: signal(recent: 0, recentUnits: 0, baseline: 3, baselineUnits: 72))
        #expect(forecast.burnRatePerHour == 3)
        #expect(forecast.depletionHours == 100)
        #expect(forecast.confidence == 88)  // 100 × (1 − 1/√73)
    }

    @Test func unreliableRecentWindowUsesTheBaseline() {
        let strays = StockForecast.make(
            availableStock: 60,
            signal: signal(recent: 10, recentUnits: 5, baseline: 2, baselineUnits: 48, reliable: false))
        #expect(strays.burnRatePerHour == 2)
        #expect(strays.level == .monitoring)
        #expect(strays.confidence == 86)  // 48 baseline units: 100 × (1 − 1/7)

        let newSku = StockForecast.make(
            availableStock: 30,
            signal: signal(recent: 10, recentUnits: 5, baseline: 0, baselineUnits: 0, reliable: false))
        #expect(newSku.burnRatePerHour == 10)
        #expect(newSku.level == .critical)
    }

    @Test func confidenceGrowsWithEvidenceAndIsCapped() {
        let some = StockForecast.make(
            availableStock: 500, signal: signal(recent: 6, recentUnits: 99, baseline: 6, baselineUnits: 144))
        #expect(some.confidence == 90)  // 100 × (1 − 1/√100)
        let lots = StockForecast.make(
            availableStock: 500, signal: signal(recent: 6, recentUnits: 9_999, baseline: 6, baselineUnits: 144))
        #expect(lots.confidence == 95)
    }

    @Test func contentPredictionDrivesBurnAndConfidence() {
        let predicted = StockForecast.make(
            availableStock: 80,
            signal: signal(
                recent: 2, recentUnits: 1, baseline: 2, baselineUnits: 48, multiplier: 8, isSpike: true,
                contentScore: 40))
        #expect(predicted.burnRatePerHour == 16)  // 2/h × (40/10)^1.5
        #expect(predicted.depletionHours == 5)
        #expect(predicted.level == .critical)
        #expect(predicted.confidence == 40)  // S001: min(score, 95)

        let weakContent = StockForecast.make(
            availableStock: 80,
            signal: signal(recent: 6, recentUnits: 30, baseline: 2, baselineUnits: 48, contentScore: 5))
        #expect(weakContent.burnRatePerHour == 6)  // content predicts 2/h: the measured rate stays
    }

    @Test func configuredThresholdsMoveTheLevelsTheUrgencyAndTheForecast() {
        let wide = StockThresholds(criticalBelowHours: 12, monitoringAboveHours: 48)
        #expect(StockLevel(depletionHours: 10) == .warning)
        #expect(StockLevel(depletionHours: 10, thresholds: wide) == .critical)
        #expect(StockLevel(depletionHours: 30, thresholds: wide) == .warning)
        #expect(PriorityFactors.inventoryUrgency(hoursOfStock: 10) < 1)
        #expect(PriorityFactors.inventoryUrgency(hoursOfStock: 10, thresholds: wide) == 1)
        #expect(PriorityFactors.inventoryUrgency(hoursOfStock: 30, thresholds: wide) == 0.5)
        let tenPerHour = signal(recent: 10, recentUnits: 10, baseline: 10, baselineUnits: 240)
        #expect(StockForecast.make(availableStock: 100, signal: tenPerHour).level == .warning)
        #expect(StockForecast.make(availableStock: 100, signal: tenPerHour, thresholds: wide).level == .critical)
    }
}
