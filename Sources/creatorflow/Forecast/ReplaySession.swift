// The replay's state: each SKU's rolling window of hourly observations, planned hourly by the
// same `ReplenishmentPlanner` the `reorder` job runs.

import Domain

/// Keeps the last `historyHours` of every SKU and plans each simulated hour.
struct ReplaySession {
    private(set) var parameters: ReplenishmentParameters
    private var windows: [HourlyDemandHistory]
    private let useContent: Bool

    /// A session warmed up with `history`; `useContent` false plans from sales alone.
    init(history: ReplayHistory, parameters: ReplenishmentParameters = ReplenishmentParameters(), useContent: Bool) {
        var parameters = parameters
        parameters.standardLeadTimeHours = history.leadTimes.standard
        parameters.expressLeadTimeHours = history.leadTimes.express
        self.parameters = parameters
        self.useContent = useContent
        let keep = parameters.historyHours
        windows = (0..<history.skus).map { sku in
            HourlyDemandHistory(
                sales: Array(history.sales[sku].suffix(keep)),
                views: useContent ? Array(history.views[sku].suffix(keep)) : [],
                engagement: useContent ? Array(history.engagement[sku].suffix(keep)) : [],
                acceleration: useContent ? Array(history.accel[sku].suffix(keep)) : [],
                contentAgeHours: useContent ? Array(history.age[sku].suffix(keep)) : [],
                hourOfDayOfLast: (history.hours - 1) % 24)
        }
    }

    var skus: Int { windows.count }

    /// Adds `hour`'s observations and returns the orders to place at its end.
    mutating func plan(_ hour: ReplayHour) -> ReplayOrders {
        var quantities: [Int] = []
        var express: [Bool] = []
        quantities.reserveCapacity(windows.count)
        express.reserveCapacity(windows.count)
        for sku in windows.indices {
            append(hour, sku: sku)
            let plan = ReplenishmentPlanner.plan(
                history: windows[sku],
                position: StockPosition(onHand: hour.onHand[sku], onOrder: hour.onOrder[sku], arrivals: hour.arrivals[sku]),
                parameters: parameters)
            quantities.append(plan.quantity)
            express.append(plan.express)
        }
        return ReplayOrders(qty: quantities, express: express)
    }

    private mutating func append(_ hour: ReplayHour, sku: Int) {
        let keep = parameters.historyHours
        var window = windows[sku]
        func push(_ values: inout [Double], _ value: Double) {
            values.append(HourlyDemandHistory.sanitized(value))
            if values.count > keep { values.removeFirst(values.count - keep) }
        }
        push(&window.sales, hour.sales[sku])
        push(&window.closingStock, hour.onHand[sku])
        if useContent {
            push(&window.views, hour.views[sku])
            push(&window.engagement, hour.engagement[sku])
            push(&window.contentAgeHours, hour.age[sku])
            window.acceleration.append(hour.accel[sku].isFinite ? hour.accel[sku] : 0)
            if window.acceleration.count > keep { window.acceleration.removeFirst(window.acceleration.count - keep) }
        }
        window.hourOfDayOfLast = ((hour.t % 24) + 24) % 24
        windows[sku] = window
    }
}
