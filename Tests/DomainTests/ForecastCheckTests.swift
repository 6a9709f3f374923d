// The forecast monitoring loop's comparison: a deviation counts beyond 20 % and beyond Poisson noise.

import Domain
import Testing

@Suite struct ForecastCheckTests {
    @Test func demandWithinTwentyPercentIsWithinTolerance() {
        let check = ForecastCheck.evaluate(expectedRate: 50, soldUnits: 55, hours: 1)
        #expect(check.actualRate == 55)
        #expect(abs(check.deviation - 0.1) < 1e-9)
        #expect(!check.exceedsTolerance)
    }

    @Test func demandFarAboveTheForecastExceedsIt() {
        let check = ForecastCheck.evaluate(expectedRate: 50, soldUnits: 150, hours: 2)
        #expect(check.actualRate == 75)
        #expect(abs(check.deviation - 0.5) < 1e-9)
        #expect(check.exceedsTolerance)
        #expect(ForecastCheck.evaluate(expectedRate: 50, soldUnits: 40, hours: 2).exceedsTolerance, "−60 % too")
    }

    @Test func aSlowMoversNoiseIsNotADeviation() {
        // 3 units expected in the hour, 5 sold: +67 %, but well within Poisson noise of 3.
        let check = ForecastCheck.evaluate(expectedRate: 3, soldUnits: 5, hours: 1)
        #expect(check.deviation > ForecastCheck.tolerance)
        #expect(!check.exceedsTolerance)
        #expect(ForecastCheck.evaluate(expectedRate: 3, soldUnits: 30, hours: 1).exceedsTolerance)
    }

    @Test func nothingExpectedAndNothingSoldIsNoDeviation() {
        let check = ForecastCheck.evaluate(expectedRate: 0, soldUnits: 0, hours: 3)
        #expect(check.deviation == 0 && !check.exceedsTolerance)
        #expect(ForecastCheck.evaluate(expectedRate: 0, soldUnits: 10, hours: 3).exceedsTolerance)
    }
}
