// The stock panel's rows: each SKU's stock with its order velocity against its baseline, the viral
// detector's flag and score, and the hours its available stock lasts at the current burn. Pure.

import Domain
import Foundation
import Store

/// Turns stock rows into the panel's JSON objects.
struct StockPanel: Sendable {
    var detector = ViralDetector()

    func row(_ stock: DashboardStockRow) -> JSONValue {
        let signal = detector.detect(stock.units)
        let velocity = signal.velocity
        let burn = signal.recentIsReliable ? max(velocity.recentRate, velocity.baselineRate) : velocity.baselineRate
        let hoursLeft: JSONValue = burn > 0 ? .number((Double(max(stock.available, 0)) / burn * 10).rounded() / 10) : .null
        let purchases = (try? JSONDecoder().decode(JSONValue.self, from: Data(stock.openPurchasesJSON.utf8))) ?? .array([])
        return .object([
            "sku": .string(stock.skuId), "on_hand": .number(Double(stock.onHand)),
            "reserved": .number(Double(stock.reserved)), "available": .number(Double(stock.available)),
            "velocity_per_h": .number((velocity.recentRate * 10).rounded() / 10),
            "baseline_per_h": .number((velocity.baselineRate * 100).rounded() / 100),
            "multiplier": .number((signal.multiplier * 10).rounded() / 10), "viral": .bool(signal.isSpike),
            "score": .number(signal.score.rounded()), "hours_left": hoursLeft,
            "backordered": .number(Double(stock.backordered)), "purchases": purchases,
        ])
    }

    /// The `stock.update` event for the rows an audience sees, or `nil` when it sees none.
    func event(_ rows: [DashboardStockRow], for audience: DashboardAudience, at now: Date) -> DashboardEvent? {
        let visible = audience.isOperator ? rows : rows.filter { audience.skus.contains($0.skuId) }
        if visible.isEmpty { return nil }
        let body: [String: JSONValue] = [
            "type": .string("stock.update"), "at": .number((now.timeIntervalSince1970 * 1000).rounded()),
            "stock": .array(visible.map(row)),
        ]
        return DashboardEvent(type: "stock.update", json: body.jsonText)
    }
}
