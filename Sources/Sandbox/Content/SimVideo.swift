// A shop video as the analytics API reports it: counts kept per UTC day, so a window's answer is
// the sum of its days and a day's counts can be revised downwards, as TikTok does.

import Foundation

/// One day of a video's counts.
struct SimVideoDay: Sendable {
    var views: Double = 0
    /// Views × click-through rate.
    var clicks: Double = 0
    var unitsSold: Int64 = 0
    var skuOrders: Int64 = 0
}

/// A video with the products it tags.
struct SimVideo: Sendable {
    let id: String
    var title: String
    var username: String
    /// `AFFILIATES` or `LINKED_ACCOUNTS`.
    var accountType: String
    var products: [(id: String, name: String)]
    var postTime: Int64
    /// The click-through rate the simulator gives organic views.
    var baseClickThroughRate: Double
    var days: [SimDay: SimVideoDay] = [:]
    /// Fields left out of the answer (a control-route test of malformed answers).
    var omitted: Set<String> = []

    /// The counts summed over `window`.
    func totals(in window: Range<SimDay>) -> SimVideoDay {
        days.filter { window.contains($0.key) }.values.reduce(into: SimVideoDay()) { sum, day in
            sum.views += day.views
            sum.clicks += day.clicks
            sum.unitsSold += day.unitsSold
            sum.skuOrders += day.skuOrders
        }
    }

    /// The Get Shop Videos Performance shape for `window` (cumulative counts, 19.99 USD a unit).
    func json(in window: Range<SimDay>) -> SimJSON {
        let sum = totals(in: window)
        let views = Int64(sum.views.rounded(.down))
        let rate = views > 0 ? sum.clicks / Double(views) : 0
        var fields: [String: SimJSON] = [
            "id": .string(id), "title": .string(title), "username": .string(username), "views": .int(views),
            "gmv": ["amount": .string(SimRate.decimal(Int(sum.unitsSold) * 1999)), "currency": "USD"],
            "sku_orders": .int(sum.skuOrders), "units_sold": .int(sum.unitsSold),
            "click_through_rate": .string(String(format: "%.4f", min(1, rate))), "video_post_time": .int(postTime),
            "products": .array(products.map { ["id": .string($0.id), "name": .string($0.name)] }),
        ]
        for field in omitted { fields[field] = nil }
        return .object(fields)
    }
}
