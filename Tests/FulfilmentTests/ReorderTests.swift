// reorder against the sandbox supplier, real PostgreSQL and real Redis, under an injected clock:
// I001's viral scenario from generated order timestamps, one order per SKU per window, retries
// that replay the supplier's idempotency key, and the critical stock alert's open/resolve.

import Clients
import Domain
import Foundation
import Fulfilment
import Jobs
import Sandbox
import Testing

@Suite struct ReorderTests {
    /// The injected start of every test's clock (3.1 h into a 6 h reorder window).
    static let start = Date(timeIntervalSince1970: 1_750_000_000)
    static let supplierPath = "/supplier/v1/purchase_orders"
    static let alertPath = "/hooks/alerts"

    /// I001: 3 units/h for the day before the spike, then 21/h for the last 30 minutes.
    static func viralSales(until now: Date) -> [Date] {
        let spikeStart = now.addingTimeInterval(-30 * 60)
        return SalesTimeline.steady(ratePerHour: 3, from: spikeStart.addingTimeInterval(-24 * 3600), to: spikeStart)
            + SalesTimeline.steady(ratePerHour: 21, from: spikeStart, to: now)
    }

    /// I001's SKU: 89 units on hand, and the sales of ``viralSales(until:)``.
    static func viralSeller(_ sku: String, _ pipeline: PipelineFixture, _ clock: TestClock) throws {
        try pipeline.stock(sku, onHand: 89)
        try pipeline.recordSales(sku, at: viralSales(until: clock.now))
    }

    /// 80 units of `sku` on hand after 24.5 h selling 3/h: 26.7 h of stock, so a standard order.
    static func steadySeller(_ sku: String, _ pipeline: PipelineFixture, _ clock: TestClock) throws {
        try pipeline.stock(sku, onHand: 80)
        try pipeline.recordSales(
            sku, at: SalesTimeline.steady(ratePerHour: 3, from: clock.now.addingTimeInterval(-24.5 * 3600), to: clock.now))
    }

    /// Runs `body` with a pipeline whose alerts go to a second sandbox (`sink`), which logs them.
    static func withAlertSink(
        clock: TestClock, function: String = #function, _ body: (PipelineFixture, SandboxServer) throws -> Void
    ) async throws {
        let sink = try await SandboxServer.start(SandboxConfiguration(port: 0, webhookURL: nil))
        var settings = FulfilmentSettings(carrierProviders: ["USPS": "7117858858072016686"])
        settings.alertWebhookURL = sink.baseURL + alertPath
        let outcome: Result<Void, any Error>
        do {
            outcome = .success(
                try await PipelineFixture.with(settings: settings, now: clock.read, function: function) { try body($0, sink) })
        } catch {
            outcome = .failure(error)
        }
        await sink.stop()
        try outcome.get()
    }

    static func supplier(_ pipeline: PipelineFixture) throws -> SupplierClient {
        try SupplierClient(
            configuration: try IntegrationEnvironment(["CF_SANDBOX_URL": pipeline.baseURL]).requireSupplier(), retry: .never)
    }

    static func placedCount(_ pipeline: PipelineFixture, _ sku: String) throws -> Int {
        try pipeline.count("SELECT count(*) FROM purchase_orders WHERE sku_id = $1 AND status = 'placed'", [.string(sku)])
    }

    @Test func viralSpikeRaisesOneCriticalAlertAndOneEmergencyOrder() async throws {
        let clock = TestClock(Self.start)
        try await Self.withAlertSink(clock: clock) { pipeline, sink in
            try Self.viralSeller("ICP_001", pipeline, clock)
            try pipeline.enqueue(ReorderJob(skuId: "ICP_001"))
            #expect(try pipeline.runWorkers { try Self.placedCount(pipeline, "ICP_001") == 1 && pipeline.queuesIdle() })

            let key = ReorderHandler.idempotencyKey(skuId: "ICP_001", now: clock.now, windowSeconds: 6 * 3600)
            func checkOneOrderAndOneAlert() throws {
                let orders = try pipeline.query(
                    "SELECT kind, quantity, idempotency_key, supplier_reference, placed_at, expected_at FROM purchase_orders")
                #expect(orders.count == 1)
                let order = try #require(orders.first)
                // 22/h × (24 h express + 48 h spike) × 1.2 = 1900.8 → 1901, − 89 available (DomainTests' numbers)
                #expect(try order["kind", as: String.self] == "emergency")
                #expect(try order["quantity", as: Int.self] == 1_812)
                #expect(try order["idempotency_key", as: String.self] == key)
                #expect(try order["placed_at", as: Date.self] == Self.start)
                #expect(try order["expected_at", as: Date.self] == Self.start.addingTimeInterval(24 * 3600))
                let placed = try Self.supplier(pipeline).purchaseOrder(id: try order["supplier_reference", as: String.self])
                #expect(placed.quantity == 1_812 && placed.skuId == "ICP_001" && placed.reference == key)
                #expect(try pipeline.requests("POST", Self.supplierPath) == 1)

                let alerts = try pipeline.query("SELECT key, severity, state, message FROM alerts")
                #expect(alerts.count == 1)
                #expect(try alerts.first?["key", as: String.self] == "stock.critical:ICP_001")
                #expect(try alerts.first?["severity", as: String.self] == "critical")
                #expect(try alerts.first?["state", as: String.self] == "open")
                #expect(try alerts.first?["message", as: String.self].contains("89 units available, 4.0 h of stock") == true)
                #expect(try sink.requestCount("POST", Self.alertPath) == 1)
            }
            try checkOneOrderAndOneAlert()

            clock.advance(by: 60)
            for _ in 0..<6 { try pipeline.enqueue(ReorderJob(skuId: "ICP_001")) }
            #expect(try pipeline.runWorkers(processes: 2) { try pipeline.queuesIdle() })
            try checkOneOrderAndOneAlert()
            #expect(try pipeline.deadLetters().isEmpty)
        }
    }

    @Test func concurrentFirstRunsPlaceOneOrder() async throws {
        let clock = TestClock(Self.start)
        try await Self.withAlertSink(clock: clock) { pipeline, sink in
            try Self.viralSeller("ICP_002", pipeline, clock)
            for _ in 0..<8 { try pipeline.enqueue(ReorderJob(skuId: "ICP_002")) }
            #expect(try pipeline.runWorkers(processes: 2) { try pipeline.queuesIdle() })
            #expect(try Self.placedCount(pipeline, "ICP_002") == 1)
            #expect(try pipeline.count("SELECT count(*) FROM purchase_orders") == 1)
            #expect(try pipeline.requests("POST", Self.supplierPath) == 1)
            #expect(try pipeline.count("SELECT count(*) FROM alerts") == 1)
            #expect(try sink.requestCount("POST", Self.alertPath) == 1)
        }
    }

    @Test func alertResolvesOnceStockIsNoLongerCritical() async throws {
        let clock = TestClock(Self.start)
        try await Self.withAlertSink(clock: clock) { pipeline, sink in
            try Self.viralSeller("ICP_003", pipeline, clock)
            try pipeline.enqueue(ReorderJob(skuId: "ICP_003"))
            #expect(try pipeline.runWorkers { try Self.placedCount(pipeline, "ICP_003") == 1 && pipeline.queuesIdle() })
            #expect(try pipeline.count("SELECT count(*) FROM alerts WHERE state = 'open'") == 1)

            // The arrival sends the SKU to reorder, which finds it no longer critical.
            let id = try pipeline.count("SELECT id FROM purchase_orders")
            clock.advance(by: 10 * 60)
            let arrival = try PurchaseArrival.receive(id: Int64(id), services: pipeline.services)
            #expect(arrival.received)
            #expect(try pipeline.runWorkers { try pipeline.count("SELECT count(*) FROM alerts WHERE state = 'resolved'") == 1 && pipeline.queuesIdle() })
            #expect(try pipeline.count("SELECT count(*) FROM alerts WHERE state = 'open'") == 0)
            #expect(try sink.requestCount("POST", Self.alertPath) == 2)
            // The same window: the forecast would buy again, but this window's order exists.
            #expect(try pipeline.count("SELECT count(*) FROM purchase_orders") == 1)
            #expect(try pipeline.requests("POST", Self.supplierPath) == 1)
        }
    }

    @Test func atMostOneOrderPerSkuPerWindow() async throws {
        let clock = TestClock(Self.start)
        try await PipelineFixture.with(now: clock.read) { pipeline in
            try Self.steadySeller("sku-w", pipeline, clock)
            try pipeline.enqueue(ReorderJob(skuId: "sku-w"))
            #expect(try pipeline.runWorkers { try Self.placedCount(pipeline, "sku-w") == 1 && pipeline.queuesIdle() })
            let first = try pipeline.query("SELECT kind, quantity FROM purchase_orders")[0]
            #expect(try first["kind", as: String.self] == "standard")  // 80 units at 3/h: 26.7 h, monitoring
            #expect(try first["quantity", as: Int.self] == 439)  // 3/h × (72 + 72) h × 1.2 = 518.4 → 519, − 80

            // The order arrives and sells out again within the hour: the forecast wants more, the window says no.
            let id = try pipeline.count("SELECT id FROM purchase_orders")
            _ = try PurchaseArrival.receive(id: Int64(id), services: pipeline.services)
            try pipeline.stock("sku-w", onHand: 80)
            clock.advance(by: 3600)
            try pipeline.enqueue(ReorderJob(skuId: "sku-w"))
            #expect(try pipeline.runWorkers { try pipeline.queuesIdle() })
            #expect(try pipeline.count("SELECT count(*) FROM purchase_orders") == 1)
            #expect(try pipeline.requests("POST", Self.supplierPath) == 1)

            clock.advance(by: 3 * 3600)  // into the next window
            try pipeline.enqueue(ReorderJob(skuId: "sku-w"))
            #expect(try pipeline.runWorkers { try Self.placedCount(pipeline, "sku-w") == 1 && pipeline.queuesIdle() })
            #expect(try pipeline.count("SELECT count(*) FROM purchase_orders") == 2)
            #expect(try pipeline.count("SELECT count(DISTINCT idempotency_key) FROM purchase_orders") == 2)
            #expect(try pipeline.requests("POST", Self.supplierPath) == 2)
        }
    }

    @Test func placingOrderIsRetriedWithItsOriginalKey() async throws {
        let clock = TestClock(Self.start)
        try await PipelineFixture.with(now: clock.read) { pipeline in
            try Self.steadySeller("sku-r", pipeline, clock)
            // An earlier attempt wrote its row and reached the supplier, then died before recording the answer.
            let key = ReorderHandler.idempotencyKey(skuId: "sku-r", now: clock.now, windowSeconds: 6 * 3600)
            try pipeline.query(
                """
                INSERT INTO purchase_orders (sku_id, quantity, kind, idempotency_key, status)
                VALUES ('sku-r', 300, 'standard', $1, 'placing')
                """, [.string(key)])
            let earlier = try Self.supplier(pipeline).createPurchaseOrder(
                PurchaseOrderRequest(skuId: "sku-r", quantity: 300, unitCost: "5.00", currency: "USD", reference: key),
                idempotencyKey: key)

            try pipeline.enqueue(ReorderJob(skuId: "sku-r"))
            #expect(try pipeline.runWorkers { try Self.placedCount(pipeline, "sku-r") == 1 && pipeline.queuesIdle() })
            let order = try pipeline.query("SELECT quantity, supplier_reference FROM purchase_orders")
            #expect(order.count == 1)
            #expect(try order[0]["quantity", as: Int.self] == 300)
            #expect(try order[0]["supplier_reference", as: String.self] == earlier.id)  // replayed, not placed again
            #expect(try pipeline.requests("POST", Self.supplierPath) == 2)
        }
    }

    @Test func supplierServerErrorsAreRetried() async throws {
        let clock = TestClock(Self.start)
        try await PipelineFixture.with(now: clock.read) { pipeline in
            try Self.steadySeller("sku-5", pipeline, clock)
            // Four 503s: more than one job attempt's three calls, so the job itself is retried.
            try pipeline.control(
                "POST", "/_sim/faults",
                #"{"kind":"server_error","method":"POST","path":"\#(Self.supplierPath)","status":503,"count":4}"#)
            try pipeline.enqueue(ReorderJob(skuId: "sku-5"))
            #expect(try pipeline.runWorkers { try Self.placedCount(pipeline, "sku-5") == 1 && pipeline.queuesIdle() })
            #expect(try pipeline.count("SELECT count(*) FROM purchase_orders") == 1)
            #expect(try pipeline.requests("POST", Self.supplierPath) == 5)
            #expect(try pipeline.deadLetters().isEmpty)
        }
    }
}
