// OrderStore.latestSellingShop against real PostgreSQL: the shop of the SKU's most recently
// ordered line (the newest order on a tie), read from the end of the SKU's range of
// `order_lines_sku_recency_idx` with nothing sorted, whatever the SKU's history.

import Foundation
@testable import Store
import Testing
import TestSupport

@Suite struct LatestSellingShopTests {
    /// An order of shop `shop` with one line of `sku`, ordered at `seconds`.
    private func order(_ connection: PostgresConnection, shop: String, sku: String, at seconds: TimeInterval) throws {
        try connection.execute(
            """
            INSERT INTO shops (tiktok_shop_id, name, region, cipher) VALUES ($1, 'Shop', 'US', 'c')
            ON CONFLICT DO NOTHING
            """,
            [.string(shop)])
        try connection.execute(
            """
            WITH o AS (
                INSERT INTO orders (tiktok_order_id, shop_id, status, internal_state, ordered_at)
                SELECT 'o-' || gen_random_uuid(), id, 'AWAITING_SHIPMENT', 'classified', $3
                FROM shops WHERE tiktok_shop_id = $1
                RETURNING id, ordered_at
            )
            INSERT INTO order_lines (order_id, sku_id, quantity, unit_price_minor, currency, ordered_at)
            SELECT id, $2, 1, 100, 'USD', ordered_at FROM o
            """, [.string(shop), .string(sku), .date(Date(timeIntervalSince1970: seconds))])
    }

    @Test func theLatestOrderedLineNamesTheShopAndTheNewestOrderWinsATie() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let store = OrderStore(connection: connection)
            try order(connection, shop: "shop-a", sku: "sku-1", at: 1_714_000_000)
            try order(connection, shop: "shop-b", sku: "sku-1", at: 1_714_003_600)
            try order(connection, shop: "shop-a", sku: "sku-1", at: 1_713_000_000)
            try order(connection, shop: "shop-c", sku: "sku-2", at: 1_715_000_000)
            #expect(try store.latestSellingShop(skuId: "sku-1") == "shop-b")

            try order(connection, shop: "shop-a", sku: "sku-1", at: 1_714_003_600)
            #expect(try store.latestSellingShop(skuId: "sku-1") == "shop-a", "same time: the newer order")
            #expect(try store.latestSellingShop(skuId: "sku-2") == "shop-c")
            #expect(try store.latestSellingShop(skuId: "sku-unknown") == nil)
        }
    }

    @Test func itReadsTheRecencyIndexBackwardAndSortsNothing() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            for hour in 0..<200 {
                let shop = hour.isMultiple(of: 2) ? "shop-a" : "shop-b"
                try order(connection, shop: shop, sku: "sku-1", at: 1_714_000_000 + Double(hour) * 3600)
            }
            try connection.execute("ANALYZE order_lines")
            try connection.execute("PREPARE latest(text) AS \(OrderStore.latestSellingShopSQL)")
            let plan = try connection.query("EXPLAIN EXECUTE latest('sku-1')")
                .map { try $0["QUERY PLAN", as: String.self] }.joined(separator: "\n")
            #expect(plan.contains("Scan Backward using order_lines_sku_recency_idx"), "\(plan)")
            #expect(!plan.contains("Sort"), "\(plan)")
            #expect(try OrderStore(connection: connection).latestSellingShop(skuId: "sku-1") == "shop-b")
        }
    }
}
