// The critical stock alert of one SKU: open while its forecast is critical (under 6 hours of
// stock), resolved by the first reorder run that finds it no longer critical. One open alert per
// SKU (the alerts table's unique partial index), so repeated runs notify once per start and end.

import Domain
import Foundation
import Store

/// Opens or resolves a SKU's `stock.critical:<sku>` alert from its outlook.
enum StockAlert {
    /// The alerts-table key of `skuId`'s critical stock alert.
    static func key(skuId: String) -> String { "stock.critical:\(skuId)" }

    /// Applies `outlook` to the alert inside the caller's transaction; returns the text to notify
    /// (after commit) when the alert opened or resolved, nil when nothing changed.
    static func apply(_ outlook: SkuOutlook, store: AlertStore, now: Date) throws -> String? {
        let key = key(skuId: outlook.skuId)
        if outlook.forecast.level == .critical {
            let text = openingText(outlook)
            return try store.open(key: key, severity: .critical, message: text, at: now) ? text : nil
        }
        return try store.resolve(key: key, at: now) ? resolvedText(outlook) : nil
    }

    /// `CRITICAL STOCK ALERT: SKU ICP_001 — 89 units available, 4.0 h of stock at 22.0 units/h (confidence 71%)`.
    static func openingText(_ outlook: SkuOutlook) -> String {
        let forecast = outlook.forecast
        let hours = forecast.depletionHours.map { String(format: "%.1f h", $0) } ?? "no depletion"
        let spike = forecast.isSpike ? String(format: ", demand %.1f× its baseline", outlook.signal.multiplier) : ""
        return "CRITICAL STOCK ALERT: SKU \(outlook.skuId) — \(forecast.availableStock) units available, \(hours) of stock at "
            + String(format: "%.1f units/h", forecast.burnRatePerHour) + "\(spike) (confidence \(forecast.confidence)%)"
    }

    /// `Resolved: SKU ICP_001 stock is no longer critical (warning, 1589 units available).`
    static func resolvedText(_ outlook: SkuOutlook) -> String {
        "Resolved: SKU \(outlook.skuId) stock is no longer critical (\(outlook.forecast.level.rawValue), "
            + "\(outlook.forecast.availableStock) units available)."
    }
}
