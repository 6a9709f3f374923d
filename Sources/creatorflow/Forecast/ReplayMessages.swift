// The viral benchmark's JSON-lines protocol (shared/viral/README.md, "Driving the product's own
// forecast"): one `history` line, then one `hour` line per simulated hour; one answer per hour.

import Foundation

/// A line of input: its `type` picks the message.
struct ReplayEnvelope: Decodable {
    let type: String
}

/// The warm-up: per SKU, the hourly observations before the simulation starts, oldest first.
struct ReplayHistory: Decodable {
    struct LeadTimes: Decodable {
        let standard: Int
        let express: Int
    }

    let skus: Int
    let hours: Int
    let leadTimes: LeadTimes
    let sales: [[Double]]
    let views: [[Double]]
    let engagement: [[Double]]
    let accel: [[Double]]
    let age: [[Double]]

    enum CodingKeys: String, CodingKey {
        case skus, hours, sales, views, engagement, accel, age
        case leadTimes = "lead_time_h"
    }

    /// Throws when the arrays do not hold `skus` rows of `hours` values each.
    func validate() throws {
        guard skus > 0 else { throw ReplayError("history: skus must be at least 1, got \(skus)") }
        guard hours >= 0 else { throw ReplayError("history: hours must not be negative, got \(hours)") }
        guard leadTimes.standard > 0, leadTimes.express > 0 else {
            throw ReplayError("history: lead_time_h.standard and .express must be positive")
        }
        for (name, rows) in [("sales", sales), ("views", views), ("engagement", engagement), ("accel", accel), ("age", age)] {
            guard rows.count == skus else {
                throw ReplayError("history: \(name) has \(rows.count) rows for \(skus) SKUs")
            }
            if let row = rows.firstIndex(where: { $0.count != hours }) {
                throw ReplayError("history: \(name)[\(row)] has \(rows[row].count) values, expected \(hours)")
            }
        }
        try ReplayError.requireNonNegative(sales.joined(), "history: sales")
    }
}

/// One simulated hour: the stock position at its end and what was observed in it.
struct ReplayHour: Decodable {
    let t: Int
    let onHand: [Double]
    let onOrder: [Double]
    let arrivals: [[Double]]
    let sales: [Double]
    let views: [Double]
    let engagement: [Double]
    let accel: [Double]
    let age: [Double]

    enum CodingKeys: String, CodingKey {
        case t, arrivals, sales, views, engagement, accel, age
        case onHand = "on_hand"
        case onOrder = "on_order"
    }

    /// Throws when a per-SKU array does not hold `skus` values or a stock or sales figure is negative.
    func validate(skus: Int) throws {
        let columns: [(String, Int)] = [
            ("on_hand", onHand.count), ("on_order", onOrder.count), ("arrivals", arrivals.count), ("sales", sales.count),
            ("views", views.count), ("engagement", engagement.count), ("accel", accel.count), ("age", age.count),
        ]
        if let (name, count) = columns.first(where: { $0.1 != skus }) {
            throw ReplayError("hour \(t): \(name) has \(count) values for \(skus) SKUs")
        }
        try ReplayError.requireNonNegative(onHand, "hour \(t): on_hand")
        try ReplayError.requireNonNegative(onOrder, "hour \(t): on_order")
        try ReplayError.requireNonNegative(sales, "hour \(t): sales")
        try ReplayError.requireNonNegative(arrivals.joined(), "hour \(t): arrivals")
    }
}

/// The answer to one hour: units to order per SKU and whether by express.
struct ReplayOrders: Encodable {
    let qty: [Int]
    let express: [Bool]
}

/// A protocol violation, said in one line.
struct ReplayError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }

    static func requireNonNegative<S: Sequence<Double>>(_ values: S, _ what: String) throws {
        if values.contains(where: { $0 < 0 }) { throw ReplayError("\(what) holds a negative value") }
    }
}
