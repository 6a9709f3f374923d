// stock-sync against the sandbox's TikTok inventory: reservations reach TikTok, a burst of changes
// is coalesced into few calls, and a SKU TikTok did not apply is retried until it is.

import Foundation
import Fulfilment
import Jobs
import Store
import Testing

@Suite struct StockSyncTests {
    static func inventoryPath(_ sku: String) -> String { "/product/202309/products/product-\(sku)/inventory/update" }

    @Test func reservationsReachTikTokInventory() async throws {
        try await PipelineFixture.with { pipeline in
            try pipeline.stock("sku-t", onHand: 10)
            let ids = try pipeline.createOrders(3, sku: "sku-t", quantity: 2)
            try pipeline.classify(ids)
            #expect(try pipeline.runWorkers {
                try pipeline.tiktokQuantity("sku-t") == 4
                    && pipeline.count("SELECT count(*) FROM inventory WHERE sku_id = 'sku-t' AND NOT sync_pending") == 1
            })
            let row = try pipeline.query("SELECT on_hand - reserved AS available, synced_available, synced_at FROM inventory")[0]
            #expect(try row["available", as: Int.self] == 4)
            #expect(try row["synced_available", as: Int.self] == 4)
            #expect(try row["synced_at", as: Date?.self] != nil)
        }
    }

    @Test func missingWarehouseUsesTheShopDefault() async throws {
        try await PipelineFixture.with { pipeline in
            try pipeline.stock("sku-h", onHand: 6)
            try pipeline.query("UPDATE inventory SET warehouse_id = NULL, sync_pending = true")
            try pipeline.enqueue(StockSyncJob(skuId: "sku-h"))
            #expect(try pipeline.runWorkers { try pipeline.tiktokQuantity("sku-h") == 6 })
            let warehouse = try pipeline.query("SELECT warehouse_id FROM inventory")[0]["warehouse_id", as: String?.self]
            let told = try pipeline.control("GET", "/_sim/inventory/sku-h")["warehouses"]
            #expect(warehouse != nil && told?[warehouse ?? ""]?.int == 6)
        }
    }

    @Test func burstOfChangesIsCoalesced() async throws {
        try await PipelineFixture.with { pipeline in
            try pipeline.stock("sku-c", onHand: 100)
            let ids = try pipeline.createOrders(50, sku: "sku-c")
            try pipeline.classify(ids)
            #expect(try pipeline.runWorkers {
                try pipeline.count("SELECT on_hand - reserved FROM inventory") == 50 && pipeline.queuesIdle()
                    && pipeline.tiktokQuantity("sku-c") == 50
            })
            let calls = try pipeline.requests("POST", Self.inventoryPath("sku-c"))
            print("stock-sync: 50 reservations → \(calls) TikTok inventory calls")
            #expect(calls >= 1 && calls <= 12)
            #expect(try pipeline.count("SELECT synced_available FROM inventory") == 50)
        }
    }

    @Test func burstBeforeTheSyncRunsIsOneCall() async throws {
        try await PipelineFixture.with { pipeline in
            try pipeline.stock("sku-k", onHand: 100)
            let inventory = InventoryStore(connection: try pipeline.database.connect())
            var jobs = 0
            for _ in 0..<50 {
                try pipeline.query("UPDATE inventory SET on_hand = on_hand - 1 WHERE sku_id = 'sku-k'")
                for sku in try inventory.requestSync(skuIds: ["sku-k"]) {
                    try pipeline.enqueue(StockSyncJob(skuId: sku))
                    jobs += 1
                }
            }
            #expect(jobs == 1)
            #expect(try pipeline.runWorkers { try pipeline.tiktokQuantity("sku-k") == 50 && pipeline.queuesIdle() })
            #expect(try pipeline.requests("POST", Self.inventoryPath("sku-k")) == 1)
        }
    }

    @Test func partialInventoryFailureIsRetriedUntilApplied() async throws {
        try await PipelineFixture.with { pipeline in
            try pipeline.stock("sku-p", onHand: 7)
            try pipeline.query("UPDATE inventory SET sync_pending = true")
            try pipeline.control(
                "POST", "/_sim/faults", #"{"kind":"inventory_partial","path":"/product/*","sku_ids":["sku-p"],"count":2}"#)
            try pipeline.enqueue(StockSyncJob(skuId: "sku-p"))
            #expect(try pipeline.runWorkers { try pipeline.tiktokQuantity("sku-p") == 7 && pipeline.queuesIdle() })
            #expect(try pipeline.requests("POST", Self.inventoryPath("sku-p")) == 3)
            #expect(try pipeline.count("SELECT synced_available FROM inventory") == 7)
            #expect(try pipeline.deadLetters().isEmpty)
        }
    }
}
