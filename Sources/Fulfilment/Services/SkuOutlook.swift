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

    /// Reads `skuId`'s sales and stock on `connection` and forecasts with `settings` at `now`. With
    /// a `cache`, the SKU's demand may be up to its `maxAge` old; stock is always read fresh.
    static func read(
        skuId: String, connection: PostgresConnection, settings: FulfilmentSettings, now: Date, cache: DemandCache? = nil
    ) throws -> SkuOutlook {
        let detector = settings.viral
        func readDemand() throws -> DemandCache.Entry {
            let store = DemandStore(connection: connection)
            return DemandCache.Entry(
                units: try store.unitsSold(skuId: skuId, in: detector.windows(endingAt: now)),
                onOrder: try store.onOrder(skuId: skuId), readAt: now)
        }
        let demand = try cache.map { try $0.demand(skuId: skuId, now: now, read: readDemand) } ?? readDemand()
        let signal = detector.detect(demand.units)
        let inventory = try InventoryStore(connection: connection).record(skuId: skuId)
        var policy = settings.stockPolicy
        if let inventory {
            policy.safetyStockUnits = max(policy.safetyStockUnits, inventory.safetyStock)
            if inventory.supplierLeadTimeHours > 0 { policy.standardLeadTimeHours = Double(inventory.supplierLeadTimeHours) }
        }
        let forecast = StockForecast.make(
            availableStock: inventory?.available ?? 0, onOrder: demand.onOrder, signal: signal, policy: policy)
        return SkuOutlook(skuId: skuId, signal: signal, forecast: forecast, inventory: inventory)
    }
}
