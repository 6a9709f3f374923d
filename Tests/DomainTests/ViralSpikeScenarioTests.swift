// I001's viral scenario, driven by generated order timestamps under an injected clock: a SKU with
// 89 units selling 3/hour spikes to about 7× (≈21/hour).

import Domain
import Foundation
import Testing

@Suite struct ViralSpikeScenarioTests {
    let detector = ViralDetector()
    let now = Timeline.now
    var spikeStart: Date { now.addingTimeInterval(-30 * 60) }

    /// 3/h for the day before `spikeStart`, then 21/h until `end`.
    func history(until end: Date) -> [Date] {
        Timeline.steady(ratePerHour: 3, from: spikeStart.addingTimeInterval(-Timeline.hours(24)), to: spikeStart)
            + Timeline.steady(ratePerHour: 21, from: spikeStart, to: end)
    }

    @Test func sevenFoldSpikeIsCriticalWithAnEmergencyOrder() throws {
        let signal = detector.detect(unitDates: history(until: now), now: now)
        #expect(signal.velocity.baselineRate == 3)
        #expect(signal.velocity.recentRate == 22)  // 11 units in the last 30 min
        #expect(abs(signal.multiplier - 22.0 / 3) < 1e-9)
        #expect(signal.isSpike)

        let forecast = StockForecast.make(availableStock: 89, signal: signal)
        #expect(forecast.burnRatePerHour == 22)
        let hours = try #require(forecast.depletionHours)
        #expect(abs(hours - 89.0 / 22) < 1e-9)  // ≈ 4.0 h, I001: 4.1 h
        #expect(forecast.level == .critical)
        #expect(forecast.confidence == 71)  // 100 × (1 − 1/√12)
        // 22/h × (24 h express + 48 h spike) = 1584, + 20 % = 1900.8 → 1901, − 89 on hand
    }

    @Test func sameScenarioWithRandomArrivals() {
        for seed in UInt64(1)...20 {
            var random = SeededGenerator(seed: seed)
            let dates =
                Timeline.jittered(
                    ratePerHour: 3, from: spikeStart.addingTimeInterval(-Timeline.hours(24)), to: spikeStart,
                    random: &random)
                + Timeline.jittered(ratePerHour: 21, from: spikeStart, to: now, random: &random)
            let signal = detector.detect(unitDates: dates, now: now)
            let forecast = StockForecast.make(availableStock: 89, signal: signal)
            #expect(signal.isSpike, "seed \(seed)")
            #expect((6...8).contains(signal.multiplier), "seed \(seed): \(signal.multiplier)")
            #expect(forecast.level == .critical, "seed \(seed)")
        }
    }

    @Test func forecastCyclesSeeTheSpikeWithinTwentyMinutes() {
        let dates = history(until: spikeStart.addingTimeInterval(3600))
        var firstCritical: TimeInterval?
        for minute in stride(from: -120, through: 60, by: 10) {
            let cycle = spikeStart.addingTimeInterval(Double(minute) * 60)
            let signal = detector.detect(unitDates: dates, now: cycle)
            let forecast = StockForecast.make(availableStock: 89, signal: signal)
            if minute <= 0 {
                #expect(!signal.isSpike, "minute \(minute)")
                #expect(forecast.level == .monitoring, "minute \(minute)")
            } else if firstCritical == nil, forecast.level == .critical {
                firstCritical = Double(minute)
            }
            if let firstCritical, Double(minute) >= firstCritical {
                #expect(forecast.level == .critical, "minute \(minute)")
                #expect(signal.isSpike, "minute \(minute)")
            }
        }
        #expect(firstCritical == 20)
    }

    @Test func ordersDuringTheSpikeAreHighPriority() {
        let signal = detector.detect(unitDates: history(until: now), now: now)
        let forecast = StockForecast.make(availableStock: 89, signal: signal)
        let factors = PriorityFactors(
            creatorVelocityMultiplier: signal.multiplier, productDemandScore: signal.score, customerTier: .new,
            inventoryUrgency: PriorityFactors.inventoryUrgency(hoursOfStock: forecast.depletionHours))
        let score = PriorityScore(factors)
        #expect(score.priority == .high)
        #expect(score.queue == "critical")

        let before = detector.detect(unitDates: history(until: now), now: spikeStart)
        let calm = PriorityScore(
            PriorityFactors(
                creatorVelocityMultiplier: before.multiplier, productDemandScore: before.score, customerTier: .new))
        #expect(calm.priority == .low)
    }
}
