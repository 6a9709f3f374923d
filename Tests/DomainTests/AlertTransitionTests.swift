import Domain
import Testing

@Suite struct AlertTransitionTests {
    @Test func transitionsBetweenTwoEvaluations() {
        #expect(AlertTransition.between(previous: nil, current: nil) == nil)
        #expect(AlertTransition.between(previous: nil, current: .warning) == .opened(.warning))
        #expect(AlertTransition.between(previous: .critical, current: nil) == .resolved)
        #expect(AlertTransition.between(previous: .warning, current: .warning) == nil)
        #expect(
            AlertTransition.between(previous: .warning, current: .critical)
                == .severityChanged(from: .warning, to: .critical))
        #expect(
            AlertTransition.between(previous: .critical, current: .warning)
                == .severityChanged(from: .critical, to: .warning))
    }

    @Test func changesCoverEveryKeyInEitherMap() {
        let events = AlertTransition.changes(
            previous: ["health": .warning, "stock:ICP_001": .critical, "carrier:ups": .warning],
            current: ["health": .warning, "carrier:ups": .critical, "redis": .critical])
        #expect(
            events == [
                "stock:ICP_001": .resolved,
                "carrier:ups": .severityChanged(from: .warning, to: .critical),
                "redis": .opened(.critical),
            ])
    }

    @Test func alertFiresOnceOnStartAndOnceOnResolveAcrossProbes() {
        let scores = [100, 95, 78, 76, 79, 85, 100]  // one probe every 30 s
        var previous: [String: AlertSeverity] = [:]
        var sent: [AlertTransition] = []
        for value in scores {
            var current: [String: AlertSeverity] = [:]
            current["health"] = HealthScore.band(value).alertSeverity
            sent += AlertTransition.changes(previous: previous, current: current).values
            previous = current
        }
        #expect(sent == [.opened(.warning), .resolved])
    }
}
