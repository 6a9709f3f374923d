// A shop whose refresh token TikTok rejects (here: the sandbox forgets every token, as a restarted
// sandbox does while PostgreSQL keeps the old ones): the shop is marked, one alert is raised, its
// jobs wait without burning attempts, and once the shop is connected again they are re-driven at
// once. Orders made before and during the reconnect all ship; nothing reaches the dead letters.

import Clients
import Foundation
import Fulfilment
import Queue
import Testing

@Suite(.serialized) struct ShopReauthorizationTests {
    @Test func ordersMadeBeforeAndDuringAReconnectAllShip() async throws {
        try await PipelineFixture.with { pipeline in
            try pipeline.stock("sku-r", onHand: 100)
            try pipeline.control("POST", "/_sim/auth/revoke")
            let before = try pipeline.createOrders(4, sku: "sku-r")
            try pipeline.classify(before)
            let admin = try pipeline.redis.admin()
            func waiting() throws -> [JobEnvelope] { try admin.waitingJobs(.retry).compactMap(\.envelope) }
            let parked = try pipeline.runWorkers {
                try waiting().count == before.count
                    && pipeline.count("SELECT count(*) FROM shops WHERE needs_reauthorization_at IS NOT NULL") == 1
            }
            #expect(parked)
            let reason = ShopNeedsReauthorization.reason(tiktokShopId: pipeline.shopId)
            #expect(try waiting().allSatisfy { $0.lastError == reason && $0.attempt == 1 && $0.history.isEmpty }, "no attempt used")
            #expect(try pipeline.count("SELECT count(*) FROM alerts WHERE key = $1 AND state = 'open'", [.string(ShopReauthorization.key(tiktokShopId: pipeline.shopId))]) == 1)
            #expect(try pipeline.deadLetters().isEmpty)

            let during = try pipeline.createOrders(3, sku: "sku-r")
            try pipeline.classify(during)
            _ = try pipeline.runWorkers(timeout: 1) { false }
            #expect(try pipeline.count("SELECT count(*) FROM alerts WHERE key LIKE 'shop-reauthorization:%'") == 1, "one alert")

            let moved = try pipeline.withConnection { db in
                _ = try PipelineFixture.onboard(
                    baseURL: pipeline.baseURL, integrations: pipeline.services.integrations, tokenKey: pipeline.tokenKey, db: db)
                return try ShopReauthorization.resume(tiktokShopId: pipeline.shopId, postgres: db, admin: admin, now: Date())
            }
            #expect(moved == before.count + during.count)
            let all = before + during
            #expect(try pipeline.runWorkers { try all.allSatisfy { try pipeline.state(of: $0) == .shipped } })
            #expect(try pipeline.deadLetters().isEmpty)
            #expect(try pipeline.count("SELECT count(*) FROM shops WHERE needs_reauthorization_at IS NOT NULL") == 0)
            #expect(try pipeline.count("SELECT count(*) FROM alerts WHERE key LIKE 'shop-reauthorization:%' AND state = 'open'") == 0)
        }
    }
}
