// The shop simulator's arithmetic without a clock or a socket: rates with and without spikes,
// the expected count integrated across spike edges, plan validation, Poisson draws and the
// per-tick step, all with a seeded generator.

import Foundation
import Sandbox
import Testing

@Suite struct SimulatorPlanTests {
    static let plan = try! SimulatorPlan(
        skus: [.init(skuId: "steady", ordersPerHour: 3600), .init(skuId: "viral", ordersPerHour: 3600)],
        spikes: [.init(skuId: "viral", multiplier: 5, startAfterS: 100, durationS: 50)], timeScale: 60)

    @Test func aSpikeMultipliesItsSKUOnlyInsideItsWindow() {
        let plan = Self.plan
        #expect([0, 99.9, 100, 149.9, 150].map { plan.rate(skuId: "viral", at: $0) } == [1, 1, 5, 5, 1])
        #expect([0, 120, 200].map { plan.rate(skuId: "steady", at: $0) } == [1, 1, 1])
        #expect(plan.rate(skuId: "unknown", at: 120) == 0)
    }

    @Test func expectedOrdersIntegrateAcrossSpikeEdges() {
        let plan = Self.plan
        #expect(plan.expectedOrders(skuId: "viral", from: 90, to: 160) == 10 + 250 + 10)
        #expect(plan.expectedOrders(skuId: "viral", from: 110, to: 120) == 50)
        #expect(plan.expectedOrders(skuId: "steady", from: 90, to: 160) == 70)
        #expect(plan.expectedOrders(skuId: "viral", from: 160, to: 160) == 0)
    }

    @Test func overlappingSpikesUseTheLargestMultiplier() throws {
        let plan = try SimulatorPlan(
            skus: [.init(skuId: "a", ordersPerHour: 360)],
            spikes: [
                .init(skuId: "a", multiplier: 3, startAfterS: 0, durationS: 100),
                .init(skuId: "a", multiplier: 10, startAfterS: 50, durationS: 10),
            ])
        #expect(plan.rate(skuId: "a", at: 55) == 1)
        #expect(abs(plan.rate(skuId: "a", at: 70) - 0.3) < 1e-12)
    }

    @Test func theJSONFormUsesSnakeCaseAndDefaults() throws {
        let plan = try SimulatorPlan.parse(
            Data(
                #"{"skus":[{"sku_id":"a","orders_per_hour":120}],"spikes":[{"sku_id":"a","multiplier":4,"start_after_s":10,"duration_s":20}],"time_scale":60}"#
                    .utf8))
        #expect(
            plan
                == (try SimulatorPlan(
                    skus: [.init(skuId: "a", ordersPerHour: 120)],
                    spikes: [.init(skuId: "a", multiplier: 4, startAfterS: 10, durationS: 20)], timeScale: 60)))
        let minimal = try SimulatorPlan.parse(Data(#"{"skus":[{"sku_id":"a","orders_per_hour":1}]}"#.utf8))
        #expect(minimal.timeScale == 1)
        #expect(minimal.spikes.isEmpty)
    }

    @Test(arguments: [
        (#"{"skus":[]}"#, "skus must list at least one SKU"),
        (#"{"skus":[{"sku_id":"a","orders_per_hour":1}],"time_scale":0}"#, "time_scale must be in (0, 86400]"),
        (#"{"skus":[{"sku_id":"a","orders_per_hour":-1}]}"#, "orders_per_hour of a must be in [0, 1000000]"),
        (#"{"skus":[{"sku_id":"a","orders_per_hour":1},{"sku_id":"a","orders_per_hour":2}]}"#, "sku_id a is listed twice"),
        (
            #"{"skus":[{"sku_id":"a","orders_per_hour":1}],"spikes":[{"sku_id":"b","multiplier":5,"start_after_s":0,"duration_s":1}]}"#,
            "spike for unknown sku_id b"
        ),
        (
            #"{"skus":[{"sku_id":"a","orders_per_hour":1}],"spikes":[{"sku_id":"a","multiplier":2,"start_after_s":0,"duration_s":1}]}"#,
            "spike multiplier must be 3…10, got 2.0"
        ),
        (
            #"{"skus":[{"sku_id":"a","orders_per_hour":1}],"spikes":[{"sku_id":"a","multiplier":11,"start_after_s":0,"duration_s":1}]}"#,
            "spike multiplier must be 3…10, got 11.0"
        ),
        (
            #"{"skus":[{"sku_id":"a","orders_per_hour":1}],"spikes":[{"sku_id":"a","multiplier":5,"start_after_s":0,"duration_s":0}]}"#,
            "spike start_after_s must be ≥ 0 and duration_s > 0"
        ),
    ])
    func invalidPlansNameTheProblem(_ json: String, _ message: String) {
        #expect(throws: SimulatorPlanError(message)) { try SimulatorPlan.parse(Data(json.utf8)) }
    }

    @Test(arguments: [0.3, 4, 29.5, 30, 250])
    func poissonDrawsHaveTheRequestedMeanAndVariance(_ mean: Double) {
        var generator = SeededGenerator(seed: 42)
        let draws = (0..<20_000).map { _ in Double(PoissonDraw.count(mean: mean, using: &generator)) }
        let average = draws.reduce(0, +) / Double(draws.count)
        let variance = draws.map { ($0 - average) * ($0 - average) }.reduce(0, +) / Double(draws.count)
        #expect(abs(average - mean) < 0.05 * mean + 0.02, "mean \(average) for \(mean)")
        #expect(abs(variance - mean) < 0.1 * mean + 0.05, "variance \(variance) for \(mean)")
        #expect(draws.allSatisfy { $0 >= 0 })
    }

    @Test func nothingIsDrawnForAZeroRate() {
        var generator = SeededGenerator(seed: 1)
        #expect((0..<100).allSatisfy { _ in PoissonDraw.count(mean: 0, using: &generator) == 0 })
    }
}
