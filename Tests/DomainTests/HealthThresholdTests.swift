// The health score's bands under configured thresholds (`thresholds.health_warning` / `health_critical`).

import Domain
import Testing

@Suite struct HealthThresholdTests {
    @Test func configuredThresholdsMoveTheBands() {
        #expect(HealthScore.band(85, warningBelow: 90, criticalBelow: 70) == .warning)
        #expect(HealthScore.band(69, warningBelow: 90, criticalBelow: 70) == .critical)
        #expect(HealthScore.band(90, warningBelow: 90, criticalBelow: 70) == .healthy)
    }

    @Test func evaluateUsesTheConfiguredThresholds() {
        let results = [
            SubsystemResult(name: "postgres", status: .healthy, isCritical: true),
            SubsystemResult(name: "carrier.ups", status: .degraded, isCritical: false),
        ]
        // (2·100 + 1·50) / 3 = 83: healthy by I001's 80, warning when the warning threshold is 90
        #expect(HealthScore.evaluate(results) == HealthScore(value: 83, status: .healthy))
        #expect(HealthScore.evaluate(results, warningBelow: 90, criticalBelow: 60) == HealthScore(value: 83, status: .warning))
    }

    @Test func aDownCriticalSubsystemStaysCriticalUnderLowerThresholds() {
        let results = [
            SubsystemResult(name: "tiktok_api", status: .down, isCritical: true),
            SubsystemResult(name: "postgres", status: .healthy, isCritical: true),
        ]
        #expect(HealthScore.evaluate(results, warningBelow: 10, criticalBelow: 5).status == .critical)
    }
}
