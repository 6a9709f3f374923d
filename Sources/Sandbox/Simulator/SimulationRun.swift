// One run of the shop simulator: where simulated time stands, how many orders and views each SKU
// got, and the step that turns elapsed simulated time into Poisson-distributed order counts and
// expected views. Pure: the caller supplies the time and creates the orders and views.

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
    /// Views given to each SKU's videos.
    private(set) var views: [String: Double] = [:]
    /// How long each spike's views lead its orders, in the order of the plan's spikes: the plan's
    /// `view_lead_s`, or drawn in 0…2 h from the seed (apart from the order draws, so a seed
    /// gives the same orders as before content existed).
    let viewLeads: [Double]
    private var generator: SeededGenerator

    init(id: Int, plan: SimulatorPlan, startedAt: Date, seed: UInt64) {
        self.id = id
        self.plan = plan
        self.startedAt = startedAt
        self.generator = SeededGenerator(seed: seed)
        var leadGenerator = SeededGenerator(seed: seed ^ 0x5EED_1EAD)
        self.viewLeads = plan.spikes.map {
            $0.viewLeadS ?? Double.random(in: 0...SimulatorPlan.maxViewLeadS, using: &leadGenerator)
        }
    }

    /// What one step brings: orders and views due per SKU.
    struct Step {
        var orders: [(skuId: String, count: Int)] = []
        var views: [(skuId: String, flow: SimulatorPlan.ViewFlow)] = []
    }

    /// Advances simulated time to match real time `now`; returns the orders and views due per SKU.
    mutating func advance(to now: Date) -> Step {
        let target = max(simulatedSeconds, now.timeIntervalSince(startedAt) * plan.timeScale)
        var step = Step()
        for sku in plan.skus {
            let mean = plan.expectedOrders(skuId: sku.skuId, from: simulatedSeconds, to: target)
            let count = PoissonDraw.count(mean: mean, using: &generator)
            if count > 0 {
                step.orders.append((sku.skuId, count))
                orders[sku.skuId, default: 0] += count
            }
            let flow = plan.expectedViews(skuId: sku.skuId, from: simulatedSeconds, to: target, leads: viewLeads)
            if flow.views > 0 {
                step.views.append((sku.skuId, flow))
                views[sku.skuId, default: 0] += flow.views
            }
        }
        simulatedSeconds = target
        return step
    }

    /// `GET /_sim/simulator`: plan, progress and counts.
    func status(now: Date) -> SimJSON {
        let t = simulatedSeconds
        let skus: [SimJSON] = plan.skus.map { sku in
            let current = plan.rate(skuId: sku.skuId, at: t) * 3600
            return [
                "sku_id": .string(sku.skuId), "orders_per_hour": .double(sku.ordersPerHour),
                "current_orders_per_hour": .double(current), "spiking": .bool(current > sku.ordersPerHour),
                "orders": .int(Int64(orders[sku.skuId] ?? 0)), "views": .int(Int64(views[sku.skuId] ?? 0)),
                "current_views_per_hour": .double(plan.viewRate(skuId: sku.skuId, at: t, leads: viewLeads).perSecond * 3600),
            ]
        }
        let spikes: [SimJSON] = zip(plan.spikes, viewLeads).map { spike, lead in
            [
                "sku_id": .string(spike.skuId), "multiplier": .double(spike.multiplier),
                "start_after_s": .double(spike.startAfterS), "duration_s": .double(spike.durationS),
                "active": .bool(spike.covers(t)), "view_lead_s": .double(lead),
            ]
        }
        let falseAlarms: [SimJSON] = plan.falseAlarms.map { surge in
            [
                "sku_id": .string(surge.skuId), "multiplier": .double(surge.multiplier),
                "start_after_s": .double(surge.startAfterS), "duration_s": .double(surge.durationS),
                "active": .bool(surge.covers(t)),
            ]
        }
        return [
            "running": .bool(stoppedAt == nil), "time_scale": .double(plan.timeScale),
            "real_elapsed_s": .double((stoppedAt ?? now).timeIntervalSince(startedAt)), "sim_elapsed_s": .double(t),
            "orders_created": .int(Int64(orders.values.reduce(0, +))), "skus": .array(skus), "spikes": .array(spikes),
            "false_alarms": .array(falseAlarms),
        ]
    }
}
