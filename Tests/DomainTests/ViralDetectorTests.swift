import Domain
import Foundation
import Testing

@Suite struct ViralDetectorTests {
    let detector = ViralDetector()
    let now = Timeline.now

    func ago(minutes: Double) -> Date { now.addingTimeInterval(-minutes * 60) }

    @Test func contentScoreFollowsS001() {
        let metrics = ContentMetrics(
            viewVelocity: 500_000, engagementRate: 0.152, velocityAcceleration: 1, contentAgeHours: 2)
        // velocity 50, engagement 15.2, acceleration 50, decay 1 − 2/24
        let expected = (50 * 0.4 + 15.2 * 0.3 + 50 * 0.3) * (1 - 2.0 / 24)
        #expect(abs(ViralDetector.contentScore(metrics) - expected) < 1e-9)
    }

    @Test func contentScoreCapsAndDecayFloor() {
        let huge = ContentMetrics(viewVelocity: 1e12, engagementRate: 5, velocityAcceleration: 99, contentAgeHours: 0)
        #expect(ViralDetector.contentScore(huge) == 100)
        let old = ContentMetrics(viewVelocity: 1e12, engagementRate: 1, velocityAcceleration: 99, contentAgeHours: 48)
        #expect(abs(ViralDetector.contentScore(old) - 10) < 1e-9)
        let negative = ContentMetrics(
            viewVelocity: -5, engagementRate: -1, velocityAcceleration: -3, contentAgeHours: -1)
        #expect(ViralDetector.contentScore(negative) == 0)
    }

    @Test func contentMultiplierIsS001sPowerLawClamped() {
        #expect(ViralDetector.contentMultiplier(score: 40) == 8)  // (40/10)^1.5
        #expect(ViralDetector.contentMultiplier(score: 0) == 1)
        #expect(ViralDetector.contentMultiplier(score: 5) == 1)
        #expect(ViralDetector.contentMultiplier(score: 91) == 10)
    }

    @Test func windowsAreHalfOpenAndFutureDatesIgnored() {
        let dates = [
            now,  // recent
            ago(minutes: 29),  // recent
            ago(minutes: 30),  // previous and baseline (recent is (now − 30 min, now])
            ago(minutes: 59),  // previous and baseline
            ago(minutes: 60),  // baseline only
            ago(minutes: 30 + 24 * 60),  // on the baseline's open end: excluded
            now.addingTimeInterval(60),  // future: ignored
        ]
        let velocity = detector.velocity(unitDates: dates, now: now)
        #expect(velocity.recentUnits == 2)
        #expect(velocity.previousUnits == 2)
        #expect(velocity.baselineUnits == 3)
        #expect(velocity.recentRate == 4)
        #expect(velocity.previousRate == 4)
        #expect(velocity.baselineRate == 3.0 / 24)
    }

    @Test func steadySalesAreNotASpike() {
        let dates = Timeline.steady(ratePerHour: 4, from: now.addingTimeInterval(-Timeline.hours(30)), to: now)
        let signal = detector.detect(unitDates: dates, now: now)
        #expect(signal.velocity.recentRate == 4)
        #expect(signal.velocity.baselineRate == 4)
        #expect(signal.velocity.multiplier == 1)
        #expect(signal.velocity.acceleration == 0)
        #expect(signal.multiplier == 1)
        #expect(!signal.isSpike)
        #expect(signal.score == 0)
        #expect(signal.contentScore == nil)
    }

    @Test func aFewStrayOrdersOnAQuietSkuAreNotASpike() {
        let dates = [ago(minutes: 1), ago(minutes: 5), ago(minutes: 9), ago(minutes: 12), ago(minutes: 20)]
        let signal = detector.detect(unitDates: dates, now: now)
        #expect(signal.velocity.multiplier == 20)  // 10/h against the 0.5/h floor
        #expect(signal.multiplier == 1)  // 5 units < 6: not trusted
        #expect(!signal.isSpike)
        #expect(signal.score == 0)
    }

    @Test func newSkuSellingFastIsASpike() {
        let dates = (0..<8).map { ago(minutes: Double($0) * 3 + 1) }
        let signal = detector.detect(unitDates: dates, now: now)
        #expect(signal.velocity.baselineRate == 0)
        #expect(signal.velocity.recentRate == 16)
        #expect(signal.velocity.multiplier == 32)
        #expect(signal.isSpike)
        #expect(signal.score == 100)
    }

    @Test func accelerationComparesWithThePreviousWindow() {
        let previous = (0..<2).map { ago(minutes: 40 + Double($0) * 10) }
        let recent = (0..<6).map { ago(minutes: 2 + Double($0) * 4) }
        let velocity = detector.velocity(unitDates: previous + recent, now: now)
        #expect(velocity.previousRate == 4)
        #expect(velocity.recentRate == 12)
        #expect(velocity.acceleration == 2)  // (12 − 4) / 4
    }

    @Test func spikeThresholdIsThreeTimesBaseline() {
        // Baseline 4/h; recent window 6 units (12/h) is exactly 3× → spike; 5 units would also miss the minimum.
        let baseline = Timeline.steady(
            ratePerHour: 4, from: now.addingTimeInterval(-Timeline.hours(24.5)), to: ago(minutes: 30))
        let atThreshold = baseline + (0..<6).map { ago(minutes: 1 + Double($0) * 4) }
        let signal = detector.detect(unitDates: atThreshold, now: now)
        #expect(signal.velocity.multiplier == 3)
        #expect(signal.isSpike)
        #expect(signal.multiplier == 3)

        let below = baseline + (0..<5).map { ago(minutes: 1 + Double($0) * 4) }
        #expect(!detector.detect(unitDates: below, now: now).isSpike)
    }

    @Test func orderScoreFormula() {
        // Baseline 1/h, recent 9 units (18/h) → multiplier 18; previous window 1 unit (2/h) → acceleration 8.
        // Both parts saturate: 0.7 × 100 + 0.3 × 100.
        let baseline = Timeline.steady(
            ratePerHour: 1, from: now.addingTimeInterval(-Timeline.hours(24.5)), to: ago(minutes: 30))
        let recent = (0..<9).map { ago(minutes: 1 + Double($0) * 3) }
        let signal = detector.detect(unitDates: baseline + recent, now: now)
        #expect(signal.velocity.baselineUnits == 24)
        #expect(signal.velocity.multiplier == 18)
        #expect(signal.velocity.acceleration == 8)
        #expect(signal.score == 100)

        let mild = ViralDetector(minimumRecentUnits: 1).detect(
            unitDates: baseline + [ago(minutes: 5), ago(minutes: 10)], now: now)
        // multiplier 4 → velocity score 33.3; previous window has 1 unit (2/h) → acceleration 1 → 50
        #expect(mild.velocity.multiplier == 4)
        #expect(abs(mild.score - (0.7 * 300.0 / 9 + 0.3 * 50)) < 1e-9)
    }

    @Test func contentAloneCanSignalASpike() {
        let dates = Timeline.steady(ratePerHour: 4, from: now.addingTimeInterval(-Timeline.hours(30)), to: now)
        let viral = ContentMetrics(
            viewVelocity: 1_000_000, engagementRate: 0.15, velocityAcceleration: 2, contentAgeHours: 1)
        let signal = detector.detect(unitDates: dates, now: now, content: viral)
        let score = ViralDetector.contentScore(viral)
        #expect(signal.contentScore == score)
        #expect(signal.multiplier == ViralDetector.contentMultiplier(score: score))
        #expect(signal.multiplier >= 3)
        #expect(signal.isSpike)
        #expect(signal.score == score)

        let dull = ContentMetrics(
            viewVelocity: 1_000, engagementRate: 0.01, velocityAcceleration: 0, contentAgeHours: 20)
        let quiet = detector.detect(unitDates: dates, now: now, content: dull)
        #expect(!quiet.isSpike)
        #expect(quiet.multiplier == 1)
    }

    @Test func customWindows() {
        let hourly = ViralDetector(recentWindow: 3600, baselineWindow: 6 * 3600)
        let dates =
            Timeline.steady(ratePerHour: 2, from: now.addingTimeInterval(-Timeline.hours(7)), to: ago(minutes: 60))
            + Timeline.steady(ratePerHour: 12, from: ago(minutes: 60), to: now)
        let velocity = hourly.velocity(unitDates: dates, now: now)
        #expect(velocity.recentUnits == 12)
        #expect(velocity.baselineUnits == 12)
        #expect(velocity.multiplier == 6)
    }
}
