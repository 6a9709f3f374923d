// `stock-sync`: tell TikTok Shop how many units of a SKU are available, so it stops selling what is
// not there. Coalesced: the job clears the SKU's `sync_pending` flag before reading, so changes made
// while it pushes queue one new job, and every push sends the value current when it runs.

import Clients
import Foundation
import Jobs
import Queue
import Store
import Worker

/// Handles `stock-sync` jobs.
///
/// The shop told is the one of the latest order containing the SKU (a TikTok product, and so the
/// `product_id` on the inventory row, belongs to one shop); a SKU no order has named yet is pushed
/// to every connected shop. Pushes of one SKU are serialized across the fleet, so an older value
/// can never land after a newer one. A SKU TikTok did not apply makes the job retry. A row with no
/// `warehouse_id` uses (and remembers) the shop's default warehouse.
public struct StockSyncHandler: JobHandler {
    let services: FulfilmentServices

    public init(services: FulfilmentServices) {
        self.services = services
    }

    public func handle(_ job: StockSyncJob, context: JobContext) throws {
        try services.with { resources in
            _ = try SessionLock(connection: resources.postgres).withLock("stock-sync:\(job.skuId)", wait: true) {
                try sync(skuId: job.skuId, resources: resources, context: context)
            }
        }
    }

    private func sync(skuId: String, resources: FulfilmentResources, context: JobContext) throws {
        let db = resources.postgres
        let inventory = InventoryStore(connection: db)
        guard let request = try inventory.takeSyncRequest(skuId: skuId) else {
            return context.logger.warning("stock-sync of a SKU with no inventory row", metadata: ["sku": "\(skuId)"])
        }
        let available = request.available
        guard let productId = request.productId else {
            throw JobFailure.permanent("SKU \(skuId) has no TikTok product_id in inventory; cannot sync its stock")
        }
        let storedWarehouse = request.warehouseId
        let shops = try shopIds(skuId: skuId, db: db)
        if shops.isEmpty { throw JobFailure.retryable("no connected shop to sync SKU \(skuId) to") }
        let client = try resources.tiktok()
        for shopId in shops {
            let result = try resources.shopAccess().withAccess(tiktokShopId: shopId) { shop in
                let warehouseId = try storedWarehouse ?? defaultWarehouse(skuId: skuId, client: client, shop: shop, db: db)
                return try client.updateInventory(
                    productId: productId, levels: [InventoryLevel(skuId: skuId, warehouseId: warehouseId, quantity: available)],
                    shop: shop)
            }
            if let failure = result.failures.first {
                throw JobFailure.retryable(
                    "TikTok did not apply the stock of SKU \(failure.skuId ?? skuId) in shop \(shopId): \(failure.message) (code \(failure.code))")
            }
        }
        try inventory.markSynced(skuId: skuId, available: available, at: services.now())
    }

    /// The shop's default sales warehouse (else its first), remembered on the inventory row.
    private func defaultWarehouse(skuId: String, client: TikTokShopClient, shop: ShopAccess, db: PostgresConnection) throws
        -> String
    {
        let warehouses = try client.warehouses(shop: shop)
        guard let warehouse = warehouses.first(where: { $0.isDefault == true }) ?? warehouses.first else {
            throw JobFailure.permanent("shop \(shop.shopId) has no warehouse to hold SKU \(skuId)'s stock")
        }
        try InventoryStore(connection: db).rememberWarehouse(skuId: skuId, warehouseId: warehouse.id)
        return warehouse.id
    }

    /// The shop of the latest order with `skuId`, else every connected shop.
    private func shopIds(skuId: String, db: PostgresConnection) throws -> [String] {
        if let seller = try OrderStore(connection: db).latestSellingShop(skuId: skuId) { return [seller] }
        return try ShopStore(connection: db).connectedShopIds()
    }
}
