import Testing
import Worker

@Suite struct QueueOrderTests {
    @Test func strictOrderNeverChanges() {
        let order = QueueOrder.strict(["critical", "default", "low"])
        #expect(order.next(random: { _ in 0 }) == ["critical", "default", "low"])
    }

    @Test func weightedOrderDrawsInProportionToWeights() {
        let order = QueueOrder.weighted([("critical", 6), ("default", 3), ("low", 1)])
        // A draw below 6 of 10 picks critical first; 6..<9 default; 9 low.
        #expect(order.next(random: { _ in 0 }).first == "critical")
        #expect(order.next(random: { n in n == 10 ? 7 : 0 }).first == "default")
        #expect(order.next(random: { n in n == 10 ? 9 : 0 }) == ["low", "critical", "default"])
        var firsts: [String: Int] = [:]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<10_000 {
            firsts[order.next(random: { Int.random(in: 0..<$0, using: &generator) })[0], default: 0] += 1
        }
        #expect((5_500...6_500).contains(firsts["critical"] ?? 0))
        #expect((700...1_300).contains(firsts["low"] ?? 0))
    }
}
