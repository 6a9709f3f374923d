// A SKU's demand signal and stock forecast as of now, from PostgreSQL: what classify scores
// urgency with and what reorder buys by.

import Domain
import Foundation
import Store

/// The viral signal and forecast of one SKU.
public struct SkuOutlook: Sendable, Equatable {
    public var skuId: String
    public var signal: ViralSignal
    public var forecast: StockForecast
    public var inventory: InventoryRecord?

    /// Reads `skuId`'s sales and stock on `connection` and forecasts with `settings` at `now`.
    static func read(skuId: String, connection: PostgresConnection, settings: FulfilmentSettings, now: Date) throws
        -> SkuOutlook
    {
        let detector = settings.viral
        let store = DemandStore(connection: connection)
        let units = try store.unitsSold(skuId: skuId, in: detector.windows(endingAt: now))
        let onOrder = try store.onOrder(skuId: skuId)
        let signal = detector.detect(units)
        let inventory = try InventoryStore(connection: connection).record(skuId: skuId)
        var policy = settings.stockPolicy
        if let inventory {
            policy.safetyStockUnits = max(policy.safetyStockUnits, inventory.safetyStock)
            if inventory.supplierLeadTimeHours > 0 { policy.standardLeadTimeHours = Double(inventory.supplierLeadTimeHours) }
        }
        let forecast = StockForecast.make(
            availableStock: inventory?.available ?? 0, onOrder: onOrder, signal: signal, policy: policy)
        return SkuOutlook(skuId: skuId, signal: signal, forecast: forecast, inventory: inventory)
    }
}
