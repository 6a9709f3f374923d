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
        guard
            let row = try db.query(
                """
                UPDATE inventory SET sync_pending = false WHERE sku_id = $1
                RETURNING on_hand - reserved AS available, product_id, warehouse_id
                """, [.string(skuId)]
            ).first
        else { return context.logger.warning("stock-sync of a SKU with no inventory row", metadata: ["sku": "\(skuId)"]) }
        let available = max(try row["available", as: Int.self], 0)
        guard let productId = try row["product_id", as: String?.self] else {
            throw JobFailure.permanent("SKU \(skuId) has no TikTok product_id in inventory; cannot sync its stock")
        }
        let storedWarehouse = try row["warehouse_id", as: String?.self]
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
        try db.execute(
            "UPDATE inventory SET synced_available = $2, synced_at = $3 WHERE sku_id = $1",
            [.string(skuId), .int(available), .date(services.now())])
    }

    /// The shop's default sales warehouse (else its first), remembered on the inventory row.
    private func defaultWarehouse(skuId: String, client: TikTokShopClient, shop: ShopAccess, db: PostgresConnection) throws
        -> String
    {
        let warehouses = try client.warehouses(shop: shop)
        guard let warehouse = warehouses.first(where: { $0.isDefault == true }) ?? warehouses.first else {
            throw JobFailure.permanent("shop \(shop.shopId) has no warehouse to hold SKU \(skuId)'s stock")
        }
        try db.execute(
            "UPDATE inventory SET warehouse_id = coalesce(warehouse_id, $2) WHERE sku_id = $1", [.string(skuId), .string(warehouse.id)])
        return warehouse.id
    }

    /// The shop of the latest order with `skuId`, else every connected shop.
    private func shopIds(skuId: String, db: PostgresConnection) throws -> [String] {
        let seller = try db.query(
            """
            SELECT s.tiktok_shop_id FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN shops s ON s.id = o.shop_id
            WHERE l.sku_id = $1 ORDER BY o.ordered_at DESC NULLS LAST, o.id DESC LIMIT 1
            """, [.string(skuId)])
        let rows =
            seller.isEmpty
            ? try db.query("SELECT tiktok_shop_id FROM shops WHERE access_token_ciphertext IS NOT NULL ORDER BY id") : seller
        return try rows.map { try $0["tiktok_shop_id", as: String.self] }
    }
}
