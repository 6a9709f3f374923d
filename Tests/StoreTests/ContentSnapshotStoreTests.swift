// ContentSnapshotStore against real PostgreSQL: a poll written once (duplicates and a repeated
// poll ignored), videos reaching SKUs through inventory's product ids (a video tagging many
// products counts for each of their SKUs; unknown products reach none), and the hourly series
// derived from the stored snapshots.

import Domain
import Foundation
import Store
import Testing
import TestSupport

@Suite struct ContentSnapshotStoreTests {
    let end = Date(timeIntervalSince1970: 1_750_000_000)

    private func near(_ values: [Double?], _ expected: [Double]) -> Bool {
        values.count == expected.count
            && zip(values, expected).allSatisfy { value, want in value.map { abs($0 - want) < 1e-6 } ?? false }
    }

    /// A connected shop and inventory rows `sku-a` → `product-a`, `sku-b` → `product-b`; returns the shop's id.
    private func seed(_ connection: PostgresConnection) throws -> Int64 {
        try connection.execute("INSERT INTO shops (tiktok_shop_id, name, region, cipher) VALUES ('s1', 'Shop', 'US', 'c')")
        try connection.execute("INSERT INTO inventory (sku_id, product_id) VALUES ('sku-a', 'product-a'), ('sku-b', 'product-b')")
        return try #require(try ShopStore(connection: connection).rowId(tiktokShopId: "s1"))
    }

    @Test func aPollIsWrittenOnceWithItsProductTags() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let store = ContentSnapshotStore(connection: connection)
            let shop = try seed(connection)
            let poll = [
                VideoPerformance(
                    id: "v1", views: 10, unitsSold: 2, skuOrders: 2, clickThroughRate: 0.05, postedAt: end,
                    productIds: ["product-a", "product-b"]),
                VideoPerformance(id: "v2", views: 0),
                VideoPerformance(id: "v1", views: 11, productIds: ["product-a"]),
            ]
            #expect(try store.insertPoll(poll, shopId: shop, polledAt: end) == 2)
            #expect(try store.insertPoll(poll, shopId: shop, polledAt: end) == 0, "the same poll again adds nothing")
            #expect(try store.insertPoll([], shopId: shop, polledAt: end.addingTimeInterval(300)) == 0)
            let row = try connection.query(
                """
                SELECT views, units_sold, sku_orders, click_through_rate, video_post_time FROM content_video_snapshots
                WHERE video_id = 'v1'
                """)[0]
            #expect(try row["views", as: Int64.self] == 10)
            #expect(try row["units_sold", as: Int64?.self] == 2 && row["sku_orders", as: Int64?.self] == 2)
            #expect(try row["click_through_rate", as: Double?.self] == 0.05)
            #expect(try row["video_post_time", as: Date?.self] == end)
            let bare = try connection.query(
                "SELECT units_sold, click_through_rate FROM content_video_snapshots WHERE video_id = 'v2'")[0]
            #expect(try bare["units_sold", as: Int64?.self] == nil && bare["click_through_rate", as: Double?.self] == nil)
            let tags = try connection.query("SELECT video_id, product_id FROM content_video_products ORDER BY 1, 2").map {
                "\(try $0["video_id", as: String.self])→\(try $0["product_id", as: String.self])"
            }
            #expect(tags == ["v1→product-a", "v1→product-b"])
        }
    }

    @Test func negativeCountsAreRefusedByTheSchema() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let shop = try seed(connection)
            #expect(throws: PostgresError.self) {
                try ContentSnapshotStore(connection: connection).insertPoll(
                    [VideoPerformance(id: "v1", views: -1)], shopId: shop, polledAt: end)
            }
        }
    }

    @Test func aSKUsSeriesSumsTheVideosTaggingItsProduct() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let store = ContentSnapshotStore(connection: connection)
            let shop = try seed(connection)
            // Two hours of polls every 5 minutes. v1 tags both SKUs' products and gains 100 a poll,
            // v2 tags product-a and gains 50, v3 tags a product no SKU has. At 30 minutes ago
            // TikTok revised v1 down by 500 (counted as no views), then it grew again.
            for step in 0...24 {
                let at = end.addingTimeInterval(Double(step - 24) * 300)
                let revised: Int64 = step >= 18 ? 600 : 0
                try store.insertPoll(
                    [
                        VideoPerformance(
                            id: "v1", views: Int64(step) * 100 - revised, clickThroughRate: 0.02,
                            postedAt: end.addingTimeInterval(-3 * 3600), productIds: ["product-a", "product-b"]),
                        VideoPerformance(
                            id: "v2", views: Int64(step) * 50, clickThroughRate: 0.08,
                            postedAt: end.addingTimeInterval(-9000), productIds: ["product-a"]),
                        VideoPerformance(id: "v3", views: Int64(step) * 1000, productIds: ["product-x"]),
                    ], shopId: shop, polledAt: at)
            }
            let a = try store.hourlySeries(skuId: "sku-a", hours: 2, endingAt: end)
            #expect(near(a.map(\.viewsPerHour), [1200 + 600, 1100 + 600]))
            #expect(a[1].acceleration.map { abs($0 - (1700.0 / 1800 - 1)) < 1e-9 } == true)
            #expect(a[0].clickThroughRate.map { abs($0 - (0.02 * 1200 + 0.08 * 600) / 1800) < 1e-9 } == true)
            #expect(a.map(\.freshestVideoAgeHours) == [1.5, 2.5])
            let b = try store.hourlySeries(skuId: "sku-b", hours: 2, endingAt: end)
            #expect(near(b.map(\.viewsPerHour), [1200, 1100]))
            let none = try store.hourlySeries(skuId: "sku-unknown", hours: 2, endingAt: end)
            #expect(none.allSatisfy { $0.viewsPerHour == nil })
            let window = try store.snapshots(skuId: "sku-b", after: end.addingTimeInterval(-600), through: end)
            #expect(window.map(\.views) == [1700, 1800] && window.allSatisfy { $0.videoId == "v1" })
        }
    }
}
