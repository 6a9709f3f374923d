// One run of the shop simulator: where simulated time stands, how many orders each SKU got, and
// the step that turns elapsed simulated time into Poisson-distributed order counts. Pure: the
// caller supplies the time and creates the orders.

import Foundation

/// The state of one simulation.
struct SimulationRun: Sendable {
    let id: Int
    let plan: SimulatorPlan
    let startedAt: Date
    var stoppedAt: Date?
    /// Simulated seconds already turned into orders.
    private(set) var simulatedSeconds: Double = 0
    /// Orders created per SKU.
    private(set) var orders: [String: Int] = [:]
    private var generator: SeededGenerator

    init(id: Int, plan: SimulatorPlan, startedAt: Date, seed: UInt64) {
        self.id = id
        self.plan = plan
        self.startedAt = startedAt
        self.generator = SeededGenerator(seed: seed)
    }

    /// Advances simulated time to match real time `now`; returns the orders due per SKU.
    mutating func advance(to now: Date) -> [(skuId: String, count: Int)] {
        let target = max(simulatedSeconds, now.timeIntervalSince(startedAt) * plan.timeScale)
        var due: [(String, Int)] = []
        for sku in plan.skus {
            let mean = plan.expectedOrders(skuId: sku.skuId, from: simulatedSeconds, to: target)
            let count = PoissonDraw.count(mean: mean, using: &generator)
            if count > 0 {
                due.append((sku.skuId, count))
                orders[sku.skuId, default: 0] += count
            }
        }
        simulatedSeconds = target
        return due
    }

    /// `GET /_sim/simulator`: plan, progress and counts.
    func status(now: Date) -> SimJSON {
        let t = simulatedSeconds
        let skus: [SimJSON] = plan.skus.map { sku in
            let current = plan.rate(skuId: sku.skuId, at: t) * 3600
            return [
                "sku_id": .string(sku.skuId), "orders_per_hour": .double(sku.ordersPerHour),
                "current_orders_per_hour": .double(current), "spiking": .bool(current > sku.ordersPerHour),
                "orders": .int(Int64(orders[sku.skuId] ?? 0)),
            ]
        }
        let spikes: [SimJSON] = plan.spikes.map { spike in
            [
                "sku_id": .string(spike.skuId), "multiplier": .double(spike.multiplier),
                "start_after_s": .double(spike.startAfterS), "duration_s": .double(spike.durationS),
                "active": .bool(spike.covers(t)),
            ]
        }
        return [
            "running": .bool(stoppedAt == nil), "time_scale": .double(plan.timeScale),
            "real_elapsed_s": .double((stoppedAt ?? now).timeIntervalSince(startedAt)), "sim_elapsed_s": .double(t),
            "orders_created": .int(Int64(orders.values.reduce(0, +))), "skus": .array(skus), "spikes": .array(spikes),
        ]
    }
}
