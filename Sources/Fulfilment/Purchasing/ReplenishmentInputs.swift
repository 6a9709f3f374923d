// What the purchase planner sees of one SKU, read from PostgreSQL at `now`: the last week of hourly
// sales and content (views per hour from the content monitor's polls), stock on hand and the
// arrivals its open purchase orders promise. The benchmark replay feeds the same planner the same
// shapes from the simulator.

import Domain
import Foundation
import Store

/// The planner's inputs for one SKU.
struct ReplenishmentInputs {
    var history: HourlyDemandHistory
    var position: StockPosition

    /// Reads `skuId`'s inputs for the hours ending at `now`; nil when the SKU has no inventory row.
    static func read(
        skuId: String, inventory: InventoryRecord?, connection: PostgresConnection, parameters: ReplenishmentParameters,
        now: Date
    ) throws -> ReplenishmentInputs? {
        guard let inventory else { return nil }
        let hours = parameters.historyHours
        let demand = DemandStore(connection: connection)
        let content = try ContentSnapshotStore(connection: connection).hourlySeries(skuId: skuId, hours: hours, endingAt: now)
        let views = viewsPerHour(content)
        let recent = Array(content.suffix(views.count))
        let history = HourlyDemandHistory(
            sales: sinceFirstSale(try demand.hourlySales(skuId: skuId, hours: hours, endingAt: now)), views: views,
            engagement: recent.map { $0.clickThroughRate ?? 0 }, acceleration: recent.map { $0.acceleration ?? 0 },
            contentAgeHours: recent.map { $0.freshestVideoAgeHours ?? 0 },
            hourOfDayOfLast: hourOfDay(endingAt: now))
        let position = StockPosition(
            onHand: Double(max(inventory.available, 0)), onOrder: Double(try demand.onOrder(skuId: skuId)),
            arrivals: try demand.arrivals(skuId: skuId, hours: parameters.standardLeadTimeHours, after: now))
        return ReplenishmentInputs(history: history, position: position)
    }

    /// The UTC hour of day of the hour `(end − 1 h, end]`, as the replay counts hours (`t % 24`).
    static func hourOfDay(endingAt end: Date) -> Int {
        Int(((end.timeIntervalSince1970 - 1) / 3600).rounded(.down)) % 24
    }

    /// `sales` from the hour of the first sale on: the hours before a new SKU sold anything are not
    /// a week of zero demand.
    static func sinceFirstSale(_ sales: [Double]) -> [Double] {
        Array(sales[(sales.firstIndex { $0 > 0 } ?? sales.endIndex)...])
    }

    /// Views per hour from the first hour the polls cover on; an hour between polls that no pair
    /// of polls spans keeps the rate before it. Empty when the SKU has no content.
    static func viewsPerHour(_ content: [ContentHour]) -> [Double] {
        guard let first = content.firstIndex(where: { $0.viewsPerHour != nil }) else { return [] }
        var last = 0.0
        return content[first...].map { hour in
            if let rate = hour.viewsPerHour { last = rate }
            return last
        }
    }
}
