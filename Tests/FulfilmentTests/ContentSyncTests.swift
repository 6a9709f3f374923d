// content-sync against the sandbox's TikTok Shop Analytics: each poll's video snapshots are stored
// and the SKUs the videos tag are planned at once; two polls give the SKU a views-per-hour series;
// a shop without the analytics scope is reported once, skipped (no retries, no dead letter) and
// polled again once `shops connect` resumed it with the scope granted.

import Foundation
import Fulfilment
import Jobs
import Store
import Testing

@Suite struct ContentSyncTests {
    /// Now: the sandbox keeps video counts per real calendar day, and each poll asks for the last week.
    static var start: Date { Date() }
    static let analyticsPath = "/analytics/202409/shop_videos/performance"

    @Test func pollsAreStoredAndTheTaggedSkusPlanned() async throws {
        let clock = TestClock(Self.start)
        try await PipelineFixture.with(now: clock.read) { pipeline in
            try pipeline.stock("sku-v", onHand: 80)
            try pipeline.recordSales(
                "sku-v", at: SalesTimeline.steady(ratePerHour: 3, from: clock.now.addingTimeInterval(-24.5 * 3600), to: clock.now))
            try pipeline.stock("sku-quiet", onHand: 5)
            try pipeline.control("POST", "/_sim/videos", #"{"id":"v-1","sku_id":"sku-v","views":1000,"click_through_rate":"0.05"}"#)

            try pipeline.enqueue(ContentSyncJob())
            #expect(try pipeline.runWorkers {
                try pipeline.count("SELECT count(*) FROM content_video_snapshots") == 1 && pipeline.queuesIdle()
            })
            let link = try pipeline.query("SELECT video_id, product_id FROM content_video_products")
            #expect(link.count == 1)
            #expect(try link.first?["product_id", as: String.self] == "product-sku-v")
            // The tagged SKU was planned (and, well under its cover, bought); the untagged one was not.
            #expect(try pipeline.count("SELECT count(*) FROM purchase_orders WHERE sku_id = 'sku-v'") == 1)
            #expect(try pipeline.count("SELECT count(*) FROM purchase_orders WHERE sku_id = 'sku-quiet'") == 0)

            clock.advance(by: 1800)
            try pipeline.control("POST", "/_sim/videos", #"{"id":"v-1","sku_id":"sku-v","views":4000,"click_through_rate":"0.05"}"#)
            try pipeline.enqueue(ContentSyncJob())
            #expect(try pipeline.runWorkers {
                try pipeline.count("SELECT count(*) FROM content_video_snapshots") == 2 && pipeline.queuesIdle()
            })
            let series = try pipeline.withConnection {
                try ContentSnapshotStore(connection: $0).hourlySeries(skuId: "sku-v", hours: 2, endingAt: clock.now)
            }
            #expect(abs((series.last?.viewsPerHour ?? 0) - 6000) < 0.01, "3,000 views in half an hour")
            #expect(try pipeline.deadLetters().isEmpty)
        }
    }

    @Test func shopWithoutTheAnalyticsScopeIsReportedOnceAndSkipped() async throws {
        let clock = TestClock(Self.start)
        try await PipelineFixture.with(now: clock.read) { pipeline in
            try pipeline.control("POST", "/_sim/videos", #"{"sku_id":"sku-s","views":500}"#)
            try pipeline.control("POST", "/_sim/analytics/scope", #"{"granted":false}"#)
            for _ in 0..<3 {
                try pipeline.enqueue(ContentSyncJob())
                #expect(try pipeline.runWorkers { try pipeline.queuesIdle() })
                clock.advance(by: 300)
            }
            let alerts = try pipeline.query("SELECT key, state, message FROM alerts")
            #expect(alerts.count == 1)
            #expect(try alerts.first?["key", as: String.self] == "analytics.scope:\(pipeline.shopId)")
            #expect(try alerts.first?["state", as: String.self] == "open")
            #expect(try alerts.first?["message", as: String.self].contains("data.shop_analytics.public.read") == true)
            #expect(try pipeline.requests("GET", Self.analyticsPath) == 1, "asked once, then skipped")
            #expect(try pipeline.deadLetters().isEmpty)
            #expect(try pipeline.count("SELECT count(*) FROM content_video_snapshots") == 0)

            // The seller authorizes the app again with the scope: `shops connect` resumes the shop.
            try pipeline.control("POST", "/_sim/analytics/scope", #"{"granted":true}"#)
            try pipeline.withConnection {
                _ = try ShopReauthorization.resume(
                    tiktokShopId: pipeline.shopId, postgres: $0, admin: try pipeline.redis.admin(), now: clock.now)
            }
            try pipeline.enqueue(ContentSyncJob())
            #expect(try pipeline.runWorkers {
                try pipeline.count("SELECT count(*) FROM content_video_snapshots") == 1 && pipeline.queuesIdle()
            })
            #expect(try pipeline.count("SELECT count(*) FROM alerts WHERE state = 'resolved'") == 1)
        }
    }
}
