import Domain
import Testing

@Suite struct HealthScoreTests {
    @Test func reproducesI001sWorkedExample() {
        let results = [
            SubsystemResult(name: "tiktok_api", status: .healthy, isCritical: true),
            SubsystemResult(name: "orders", status: .healthy, isCritical: true),
            SubsystemResult(name: "inventory", status: .degraded, isCritical: false),
            SubsystemResult(name: "shipping", status: .degraded, isCritical: true),
        ]
        // (2·100 + 2·100 + 1·50 + 2·50) / 7 = 78.57 → 78: warning (below 80)
        #expect(HealthScore.evaluate(results) == HealthScore(value: 78, status: .warning))
    }

    @Test func allHealthyIsOneHundred() {
        let results =
            ["tiktok_api", "postgres", "redis"].map { SubsystemResult(name: $0, status: .healthy, isCritical: true) }
            + [SubsystemResult(name: "carrier.ups", status: .healthy, isCritical: false)]
        #expect(HealthScore.evaluate(results) == HealthScore(value: 100, status: .healthy))
    }

    @Test func nothingProbedIsCritical() {
        #expect(HealthScore.evaluate([]) == HealthScore(value: 0, status: .critical))
    }

    @Test func scoreBands() {
        #expect(HealthScore.band(100) == .healthy)
        #expect(HealthScore.band(80) == .healthy)
        #expect(HealthScore.band(79) == .warning)
        #expect(HealthScore.band(60) == .warning)
        #expect(HealthScore.band(59) == .critical)
        #expect(HealthScore.band(0) == .critical)
    }

    @Test func statusPoints() {
        #expect(SubsystemStatus.allCases.map(\.points) == [100, 50, 20, 0])
    }

    @Test func criticalSubsystemDownIsCriticalWhateverTheScore() {
        let results =
            [SubsystemResult(name: "redis", status: .down, isCritical: true)]
            + (0..<20).map { SubsystemResult(name: "carrier.\($0)", status: .healthy, isCritical: false) }
        let health = HealthScore.evaluate(results)
        #expect(health.value == 90)  // 2000 / 22
        #expect(health.status == .critical)
    }

    @Test func criticalSubsystemDegradedIsAtLeastWarning() {
        let results =
            [SubsystemResult(name: "postgres", status: .degraded, isCritical: true)]
            + (0..<20).map { SubsystemResult(name: "carrier.\($0)", status: .healthy, isCritical: false) }
        let health = HealthScore.evaluate(results)
        #expect(health.value == 95)  // (100 + 2000) / 22
        #expect(health.status == .warning)
    }

    @Test func nonCriticalOutageMovesOnlyTheScore() {
        let results =
            ["tiktok_api", "postgres", "redis"].map { SubsystemResult(name: $0, status: .healthy, isCritical: true) }
            + [SubsystemResult(name: "carrier.ups", status: .down, isCritical: false)]
        #expect(HealthScore.evaluate(results) == HealthScore(value: 85, status: .healthy))  // 600 / 7
    }

    @Test func lowScoreAloneIsCritical() {
        let results = (0..<4).map { SubsystemResult(name: "carrier.\($0)", status: .critical, isCritical: false) }
        #expect(HealthScore.evaluate(results) == HealthScore(value: 20, status: .critical))
    }

    @Test func criticalSubsystemsWeighDouble() {
        let results = [
            SubsystemResult(name: "tiktok_api", status: .down, isCritical: true),
            SubsystemResult(name: "queues", status: .healthy, isCritical: false),
        ]
        #expect(HealthScore.evaluate(results).value == 33)  // 100 / 3
    }

    @Test func statusOrderAndAlertSeverity() {
        #expect(HealthStatus.healthy < .warning)
        #expect(HealthStatus.warning < .critical)
        #expect(HealthStatus.healthy.alertSeverity == nil)
        #expect(HealthStatus.warning.alertSeverity == .warning)
        #expect(HealthStatus.critical.alertSeverity == .critical)
    }
}
