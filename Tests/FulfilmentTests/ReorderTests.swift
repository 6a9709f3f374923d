// reorder against the sandbox supplier, real PostgreSQL and real Redis, under an injected clock:
// a viral spike (I001's 3/h → 21/h) seen in the hourly sales the planner reads, one order per SKU
// per window, retries that replay the supplier's idempotency key, and the critical stock alert's
// open/resolve.

import Clients
import Domain
import Foundation
import Fulfilment
import Jobs
import Sandbox
import Store
import Testing

@Suite struct ReorderTests {
    /// The injected start of every test's clock (400 s into a one-hour reorder window).
    static let start = Date(timeIntervalSince1970: 1_750_000_000)
    static let supplierPath = "/supplier/v1/purchase_orders"
    static let alertPath = "/hooks/alerts"

    /// I001's rates: 3 units/h for the day before the spike, then 21/h for the last two hours.
    static func viralSales(until now: Date) -> [Date] {
        let spikeStart = now.addingTimeInterval(-2 * 3600)
        return SalesTimeline.steady(ratePerHour: 3, from: spikeStart.addingTimeInterval(-24 * 3600), to: spikeStart)
            + SalesTimeline.steady(ratePerHour: 21, from: spikeStart, to: now)
    }

    /// I001's SKU: 89 units on hand, and the sales of ``viralSales(until:)``.
    static func viralSeller(_ sku: String, _ pipeline: PipelineFixture, _ clock: TestClock) throws {
        try pipeline.stock(sku, onHand: 89)
        try pipeline.recordSales(sku, at: viralSales(until: clock.now))
    }

    /// 80 units of `sku` on hand after 24.5 h selling 3/h: far below the planner's cover, so a standard order.
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

    /// What the planner orders for `sku` now, from the same hourly sales and stock the job reads.
    static func plannedOrder(_ pipeline: PipelineFixture, _ sku: String, _ clock: TestClock, onOrder: Double = 0) throws
        -> ReplenishmentPlan
    {
        let sold = try pipeline.query(
            "SELECT ordered_at FROM order_lines WHERE sku_id = $1", [.string(sku)]
        ).map { try $0["ordered_at", as: Date.self] }
        var sales = [Double](repeating: 0, count: 168)
        for date in sold {
            let hoursAgo = Int((clock.now.timeIntervalSince(date) / 3600).rounded(.down))
            if (0..<168).contains(hoursAgo) && date <= clock.now { sales[167 - hoursAgo] += 1 }
        }
        let firstSale = sales.firstIndex { $0 > 0 } ?? 0
        let onHand = try pipeline.count("SELECT on_hand - reserved FROM inventory WHERE sku_id = $1", [.string(sku)])
        return ReplenishmentPlanner.plan(
            history: HourlyDemandHistory(
                sales: Array(sales[firstSale...]), hourOfDayOfLast: Calendar.current.component(.hour, from: clock.now)),
            position: StockPosition(onHand: Double(onHand), onOrder: onOrder))
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

            let key = ReorderHandler.idempotencyKey(skuId: "ICP_001", now: clock.now, windowSeconds: 3600)
            let expected = try Self.plannedOrder(pipeline, "ICP_001", clock)
            #expect(expected.express, "a 7× spike with 4 h of stock buys express")
            func checkOneOrderAndOneAlert() throws {
                let orders = try pipeline.query(
                    "SELECT kind, quantity, idempotency_key, supplier_reference, placed_at, expected_at FROM purchase_orders")
                #expect(orders.count == 1)
                let order = try #require(orders.first)
                #expect(try order["kind", as: String.self] == "emergency")
                #expect(try order["quantity", as: Int.self] == expected.quantity)
                #expect(try order["idempotency_key", as: String.self] == key)
                #expect(try order["placed_at", as: Date.self] == Self.start)
                #expect(try order["expected_at", as: Date.self] == Self.start.addingTimeInterval(24 * 3600))
                let placed = try Self.supplier(pipeline).purchaseOrder(id: try order["supplier_reference", as: String.self])
                #expect(placed.quantity == expected.quantity && placed.skuId == "ICP_001" && placed.reference == key)
                #expect(try pipeline.requests("POST", Self.supplierPath) == 1)

                let alerts = try pipeline.query("SELECT key, severity, state, message FROM alerts")
                #expect(alerts.count == 1)
                #expect(try alerts.first?["key", as: String.self] == "stock.critical:ICP_001")
                #expect(try alerts.first?["severity", as: String.self] == "critical")
                #expect(try alerts.first?["state", as: String.self] == "open")
                #expect(try alerts.first?["message", as: String.self].contains("89 units available") == true)
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
            // The same window: the planner may want more, but this window's order exists.
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
            let planned = try Self.plannedOrder(pipeline, "sku-w", clock, onOrder: 0)
            #expect(try first["kind", as: String.self] == "standard")
            #expect(try first["quantity", as: Int.self] == planned.quantity && !planned.express && planned.quantity > 0)

            // The order arrives and sells out again within the window: the planner wants more, the window says no.
            let id = try pipeline.count("SELECT id FROM purchase_orders")
            _ = try PurchaseArrival.receive(id: Int64(id), services: pipeline.services)
            try pipeline.stock("sku-w", onHand: 80)
            clock.advance(by: 60)
            try pipeline.enqueue(ReorderJob(skuId: "sku-w"))
            #expect(try pipeline.runWorkers { try pipeline.queuesIdle() })
            #expect(try pipeline.count("SELECT count(*) FROM purchase_orders") == 1)
            #expect(try pipeline.requests("POST", Self.supplierPath) == 1)

            clock.advance(by: 3600)  // into the next window
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
            let key = ReorderHandler.idempotencyKey(skuId: "sku-r", now: clock.now, windowSeconds: 3600)
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

    @Test func forecastIsCheckedAgainstWhatSoldAndADeviationRaisesAnAlert() async throws {
        let clock = TestClock(Self.start)
        try await PipelineFixture.with(now: clock.read) { pipeline in
            try Self.steadySeller("sku-f", pipeline, clock)
            try pipeline.enqueue(ReorderJob(skuId: "sku-f"))
            #expect(try pipeline.runWorkers { try Self.placedCount(pipeline, "sku-f") == 1 && pipeline.queuesIdle() })
            let recorded = try pipeline.query("SELECT expected_units_per_hour, evidence, checked_at FROM purchase_forecasts")
            #expect(recorded.count == 1)
            #expect(try abs(recorded[0]["expected_units_per_hour", as: Double.self] - 3) < 0.5)
            #expect(try recorded[0]["evidence", as: String.self] == "quiet")

            // Two hours at 30/h against a forecast of about 3/h.
            try pipeline.recordSales(
                "sku-f", at: SalesTimeline.steady(ratePerHour: 30, from: clock.now, to: clock.now.addingTimeInterval(7200)),
                batch: "surge")
            clock.advance(by: 7200)
            try pipeline.enqueue(ReorderJob(skuId: "sku-f"))
            #expect(try pipeline.runWorkers {
                try pipeline.count("SELECT count(*) FROM purchase_forecasts WHERE checked_at IS NOT NULL") >= 1
                    && pipeline.queuesIdle()
            })
            let checks = try pipeline.withConnection { try ForecastStore(connection: $0).latestChecks() }
            #expect(checks.map(\.skuId) == ["sku-f"])
            #expect((checks.first?.deviation ?? 0) > 5, "about 30/h sold against 3/h forecast")
            let alert = try pipeline.query("SELECT state, message FROM alerts WHERE key = 'forecast.deviation:sku-f'")
            #expect(alert.count == 1)
            #expect(try alert.first?["state", as: String.self] == "open")
            #expect(try alert.first?["message", as: String.self].contains("FORECAST DEVIATION: SKU sku-f") == true)
        }
    }
}
