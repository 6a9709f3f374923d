// label and tracking-sync against the sandbox (TikTok Shop and EasyPost), real PostgreSQL and
// real Redis: the label bought once whatever fails, the carrier chosen by priority, a dead carrier
// replaced, and cancellations and address changes between label and mark-shipped.

import Clients
import Domain
import Foundation
import Jobs
import Store
import Testing

@Suite(.serialized) struct LabelTrackingTests {
    static let shipPath = "/fulfillment/202309/orders/*/packages"
    static let buyPath = "/v2/shipments/*/buy"

    @Test func orderShipsOnTikTokWithTheBoughtLabelsTrackingNumber() async throws {
        try await PipelineFixture.with { pipeline in
            try pipeline.stock("sku-l", onHand: 10)
            let id = try pipeline.createOrders(1, sku: "sku-l", quantity: 2)[0]
            try pipeline.classify([id])
            #expect(try pipeline.runWorkers { try pipeline.state(of: id) == .shipped })

            let rows = try pipeline.shipments(of: id)
            #expect(rows.count == 1)
            let label = try #require(rows.first)
            #expect(label.status == "purchased")
            #expect((label.rateMinor ?? 0) > 0)
            let tracking = try #require(label.trackingNumber)
            let packages = try pipeline.sandboxPackages(id)
            #expect(packages.count == 1)
            #expect(packages.first?.tracking == tracking)
            #expect(packages.first?.provider == pipeline.services.settings.carrierProviders[label.carrier])
            #expect(try pipeline.sandboxOrder(id)["status"]?.string == "AWAITING_COLLECTION")

            let bought = try pipeline.easyPost().shipment(id: try #require(label.providerShipmentId))
            #expect(bought.trackingCode == tracking)
            #expect(bought.selectedRate?.carrier == label.carrier && bought.selectedRate?.service == label.service)
            let order = try pipeline.query(
                "SELECT shipped_at IS NOT NULL AS shipped, package_id FROM orders WHERE tiktok_order_id = $1", [.string(id)])[0]
            #expect(try order["shipped", as: Bool.self])
            #expect(try order["package_id", as: String?.self] == pipeline.sandboxOrder(id)["packages"]?.array?.first?["id"]?.string)
            #expect(try pipeline.count("SELECT count(*) FROM reservations WHERE state = 'consumed'") == 1)
            #expect(try pipeline.count("SELECT on_hand FROM inventory WHERE sku_id = 'sku-l'") == 8)
            #expect(try pipeline.count("SELECT reserved FROM inventory WHERE sku_id = 'sku-l'") == 0)
            #expect(try pipeline.deadLetters().isEmpty)
        }
    }

    @Test func echoOfOurShippingIsRecordedWithoutFetchingTheOrder() async throws {
        try await PipelineFixture.with { pipeline in
            try pipeline.stock("sku-e", onHand: 10)
            let id = try pipeline.createOrders(1, sku: "sku-e")[0]
            try pipeline.classify([id])
            #expect(try pipeline.runWorkers { try pipeline.state(of: id) == .shipped })
            let fetches = try pipeline.requests("GET", "/order/202309/orders")

            func notify(_ status: String, notification: String, updateTime: Int64) throws {
                let eventId = try pipeline.query(
                    """
                    INSERT INTO webhook_events (notification_id, type, shop_id, order_id, update_time, raw_body)
                    VALUES ($1, 1, $2, $3, $4, '{}'::bytea) RETURNING id
                    """, [.string(notification), .string(pipeline.shopId), .string(id), .int64(updateTime)])[0]["id", as: Int64.self]
                try pipeline.enqueue(ClassifyJob(shopId: pipeline.shopId, orderId: id, eventId: eventId, orderStatus: status))
                let processed = try pipeline.runWorkers {
                    try pipeline.count("SELECT count(*) FROM webhook_events WHERE id = $1 AND processed_at IS NOT NULL", [.int64(eventId)]) == 1
                }
                #expect(processed, "event \(status) processed")
            }

            try notify("IN_TRANSIT", notification: "echo-1", updateTime: 1)
            #expect(try pipeline.requests("GET", "/order/202309/orders") == fetches, "a confirmation is not fetched")
            #expect(try pipeline.query("SELECT status FROM orders WHERE tiktok_order_id = $1", [.string(id)])[0]["status", as: String.self] == "IN_TRANSIT")
            #expect(try pipeline.state(of: id) == .shipped)

            try notify("DELIVERED", notification: "news-1", updateTime: 2)
            #expect(try pipeline.requests("GET", "/order/202309/orders") == fetches + 1, "news is fetched from TikTok")
            #expect(try pipeline.deadLetters().isEmpty)
        }
    }

    @Test func highPriorityBuysTheFastestServiceAndLowTheCheapest() async throws {
        try await PipelineFixture.with(worker: PipelineFixture.once(LabelJob.kind)) { pipeline in
            try pipeline.stock("sku-p", onHand: 10)
            let ids = try pipeline.createOrders(2, sku: "sku-p")
            try pipeline.fault(#"{"kind":"server_error","method":"POST","path":"/v2/shipments"}"#)
            try pipeline.classify(ids)
            #expect(try pipeline.runWorkers { try ids.allSatisfy { try pipeline.state(of: $0) == .reserved } && pipeline.deadLetters().filter { $0.kind == LabelJob.kind }.count == 2 })
            try pipeline.clearFaults()
            let (high, low) = (ids[0], ids[1])
            _ = try pipeline.query("UPDATE orders SET priority_score = 90, priority = 'HIGH' WHERE tiktok_order_id = $1", [.string(high)])
            _ = try pipeline.query("UPDATE orders SET priority_score = 5, priority = 'LOW' WHERE tiktok_order_id = $1", [.string(low)])
            for id in ids { try pipeline.enqueue(LabelJob(orderId: id), queue: "default") }
            #expect(try pipeline.runWorkers { try ids.allSatisfy { try pipeline.state(of: $0) == .shipped } })

            let settings = pipeline.services.settings
            let ceiling = try #require(settings.labelCostCeilingMinor)
            let promise = try #require(settings.promisedDeliveryDays)
            func quotes(_ id: String) throws -> (chosen: LabelRow, rates: [(rate: Clients.Rate, cents: Int)]) {
                let row = try #require(try pipeline.shipments(of: id).first)
                let shipment = try pipeline.easyPost().shipment(id: try #require(row.providerShipmentId))
                let rates = try shipment.rates.map { (rate: $0, cents: try Money.parse($0.rate, currency: $0.currency).minorUnits) }
                return (row, rates.filter { $0.cents <= ceiling })
            }
            let fast = try quotes(high)
            let fastest = try #require(fast.rates.min { ($0.rate.deliveryDays ?? 99, $0.cents) < ($1.rate.deliveryDays ?? 99, $1.cents) })
            #expect(fast.chosen.carrier == fastest.rate.carrier && fast.chosen.service == fastest.rate.service)
            let cheap = try quotes(low)
            let cheapest = try #require(
                cheap.rates.filter { ($0.rate.deliveryDays ?? 99) <= promise }
                    .min { ($0.cents, $0.rate.deliveryDays ?? 99) < ($1.cents, $1.rate.deliveryDays ?? 99) })
            #expect(cheap.chosen.carrier == cheapest.rate.carrier && cheap.chosen.service == cheapest.rate.service)
            #expect(fast.chosen.rateMinor == fastest.cents && cheap.chosen.rateMinor == cheapest.cents)
            #expect(fast.chosen.service != cheap.chosen.service, "the sandbox quotes a faster service than the cheapest")
        }
    }

    /// The sandbox runs the request, then answers 500: a label bought (or a package marked
    /// shipped) whose answer was lost. The retry finds it and makes no second one.
    @Test(arguments: [buyPath, shipPath])
    func lostResponseStillHasExactlyOneEffect(path: String) async throws {
        try await PipelineFixture.with { pipeline in
            try pipeline.stock("sku-b", onHand: 10)
            let id = try pipeline.createOrders(1, sku: "sku-b")[0]
            try pipeline.fault(#"{"kind":"lost_response","method":"POST","path":"\#(path)","count":1}"#)
            try pipeline.classify([id])
            #expect(try pipeline.runWorkers { try pipeline.state(of: id) == .shipped })

            #expect(try pipeline.control("GET", "/_sim/faults")["faults"]?.array?.first?["fired"]?.int == 1)
            #expect(try pipeline.requests("POST", matching: "/v2/shipments") == 1)
            let rows = try pipeline.shipments(of: id)
            #expect(rows.map(\.status) == ["purchased"])
            let bought = try pipeline.easyPost().shipment(id: try #require(rows.first?.providerShipmentId))
            #expect(bought.trackingCode == rows.first?.trackingNumber)
            #expect(try pipeline.sandboxPackages(id).map(\.tracking) == [rows.first?.trackingNumber])
            #expect(try pipeline.deadLetters().isEmpty)
        }
    }

    /// TikTok's mark-shipped call can wait (for a rate-limit slot, a slow answer): it runs outside
    /// any transaction, so the order's row stays free while the call is in flight.
    @Test func theOrderRowIsFreeWhileTikTokMarksItShipped() async throws {
        try await PipelineFixture.with { pipeline in
            try pipeline.stock("sku-w", onHand: 10)
            let id = try pipeline.createOrders(1, sku: "sku-w")[0]
            try pipeline.fault(#"{"kind":"latency","method":"POST","path":"\#(Self.shipPath)","delay_ms":3000,"count":1}"#)
            try pipeline.classify([id])
            var polls = 0
            var locked = 0
            let shipped = try pipeline.runWorkers {
                if try pipeline.state(of: id) == .labelled {
                    polls += 1
                    do {
                        _ = try pipeline.query(
                            "SELECT id FROM orders WHERE tiktok_order_id = $1 FOR UPDATE NOWAIT", [.string(id)])
                    } catch let error as PostgresError where error.sqlState == "55P03" {
                        locked += 1
                    }
                }
                return try pipeline.state(of: id) == .shipped
            }
            #expect(shipped)
            #expect(polls >= 20, "labelled for the 3 s the call was in flight: \(polls) polls")
            // The commit after the call locks the row for its own statements: one poll may land there.
            #expect(locked <= 1, "the order's row was locked in \(locked) of \(polls) polls")
        }
    }

    @Test func deadCarrierFallsBackToAnotherCarrier() async throws {
        try await PipelineFixture.with { pipeline in
            try pipeline.stock("sku-x", onHand: 10)
            let id = try pipeline.createOrders(1, sku: "sku-x")[0]
            try pipeline.fault(#"{"kind":"server_error","method":"POST","path":"\#(Self.buyPath)","carrier":"USPS"}"#)
            try pipeline.classify([id])
            #expect(try pipeline.runWorkers { try pipeline.state(of: id) == .shipped })

            let rows = try pipeline.shipments(of: id)
            #expect(rows.count == 1)
            let label = try #require(rows.first)
            #expect(label.carrier != "USPS")
            let shipment = try pipeline.easyPost().shipment(id: try #require(label.providerShipmentId))
            let cheapestUSPS = try #require(shipment.cheapestRate(carrier: "USPS"))
            let cheapestOther = try #require(
                shipment.rates.filter { $0.carrier != "USPS" }
                    .min { ($0.amount?.minorUnits ?? .max) < ($1.amount?.minorUnits ?? .max) })
            #expect((cheapestUSPS.amount?.minorUnits ?? 0) < (cheapestOther.amount?.minorUnits ?? 0), "USPS would have won")
            #expect(label.carrier == cheapestOther.carrier && label.service == cheapestOther.service)
            let fired = try pipeline.control("GET", "/_sim/faults")["faults"]?.array?.first?["fired"]?.int
            #expect((fired ?? 0) >= 1)
            #expect(try pipeline.sandboxPackages(id).first?.provider == pipeline.services.settings.carrierProviders[label.carrier])
        }
    }

    @Test func duplicateLabelJobsBuyOneLabel() async throws {
        try await PipelineFixture.with(worker: PipelineFixture.once(LabelJob.kind)) { pipeline in
            try pipeline.stock("sku-2", onHand: 10)
            let id = try pipeline.createOrders(1, sku: "sku-2")[0]
            try pipeline.fault(#"{"kind":"server_error","method":"POST","path":"/v2/shipments"}"#)
            try pipeline.classify([id])
            #expect(try pipeline.runWorkers { try pipeline.state(of: id) == .reserved && pipeline.deadLetters().contains { $0.kind == LabelJob.kind } })
            try pipeline.clearFaults()
            for _ in 0..<4 { try pipeline.enqueue(LabelJob(orderId: id), queue: "default") }
            #expect(try pipeline.runWorkers { try pipeline.state(of: id) == .shipped && pipeline.queuesIdle() })

            let rows = try pipeline.shipments(of: id)
            #expect(rows.map(\.status) == ["purchased"])
            #expect(try pipeline.sandboxPackages(id).map(\.tracking) == [rows.first?.trackingNumber])
            #expect(try pipeline.requests("POST", matching: "/v2/shipments/*/refund") == 0)
        }
    }

    @Test func cancellationBetweenLabelAndShipRefundsAndNeverShips() async throws {
        try await PipelineFixture.with(worker: PipelineFixture.once(TrackingSyncJob.kind)) { pipeline in
            let id = try Self.labelledAndHeld(pipeline, sku: "sku-c")
            try pipeline.control("POST", "/_sim/orders/\(id)/transition", #"{"to":"CANCELLED"}"#)
            try pipeline.classify([id])
            #expect(try pipeline.runWorkers { try pipeline.state(of: id) == .cancelled && pipeline.queuesIdle() })
            try pipeline.enqueue(TrackingSyncJob(orderId: id), queue: "default")
            #expect(try pipeline.runWorkers { try pipeline.queuesIdle() })
            try Self.expectCancelledUnshippedRefunded(pipeline, id: id, sku: "sku-c")
        }
    }

    @Test func cancellationSeenOnlyByTrackingSyncIsApplied() async throws {
        try await PipelineFixture.with(worker: PipelineFixture.once(TrackingSyncJob.kind)) { pipeline in
            let id = try Self.labelledAndHeld(pipeline, sku: "sku-t")
            try pipeline.control("POST", "/_sim/orders/\(id)/transition", #"{"to":"CANCELLED"}"#)
            try pipeline.enqueue(TrackingSyncJob(orderId: id), queue: "default")
            #expect(try pipeline.runWorkers { try pipeline.state(of: id) == .cancelled && pipeline.queuesIdle() })
            try Self.expectCancelledUnshippedRefunded(pipeline, id: id, sku: "sku-t")
        }
    }

    @Test func addressChangeAfterLabelRefundsItAndShipsWithANewLabel() async throws {
        try await PipelineFixture.with(worker: PipelineFixture.once(TrackingSyncJob.kind)) { pipeline in
            let id = try Self.labelledAndHeld(pipeline, sku: "sku-a")
            let first = try #require(try pipeline.shipments(of: id).first)
            try pipeline.control("POST", "/_sim/orders/\(id)/transition", #"{"to":"ADDRESS_CHANGED"}"#)
            try pipeline.classify([id])
            #expect(try pipeline.runWorkers { try pipeline.state(of: id) == .shipped && pipeline.queuesIdle() })

            let rows = try pipeline.shipments(of: id)
            #expect(rows.map(\.status) == ["refunded", "purchased"])
            #expect(rows.first?.trackingNumber == first.trackingNumber)
            let second = try #require(rows.last)
            #expect(second.trackingNumber != nil && second.trackingNumber != first.trackingNumber)
            #expect(second.providerShipmentId != first.providerShipmentId)
            #expect(try pipeline.requests("POST", matching: "/v2/shipments/\(try #require(first.providerShipmentId))/refund") == 1)
            #expect(try pipeline.requests("POST", matching: "/v2/shipments/*/refund") == 1)
            #expect(try pipeline.sandboxPackages(id).map(\.tracking) == [second.trackingNumber])
            #expect(try pipeline.count("SELECT count(*) FROM reservations WHERE state = 'consumed'") == 1)
        }
    }

    /// Takes a new order of `sku` to `labelled` and holds it there: mark-shipped fails (the sandbox
    /// answers 500) and tracking-sync runs once only, so its job lands in the dead letters.
    private static func labelledAndHeld(_ pipeline: PipelineFixture, sku: String) throws -> String {
        try pipeline.stock(sku, onHand: 5)
        let id = try pipeline.createOrders(1, sku: sku, quantity: 2)[0]
        try pipeline.fault(#"{"kind":"server_error","method":"POST","path":"\#(shipPath)"}"#)
        try pipeline.classify([id])
        let held = try pipeline.runWorkers {
            try pipeline.state(of: id) == .labelled && pipeline.deadLetters().contains { $0.kind == TrackingSyncJob.kind }
        }
        #expect(held)
        try pipeline.clearFaults()
        #expect(try pipeline.sandboxPackages(id).isEmpty)
        return id
    }

    private static func expectCancelledUnshippedRefunded(_ pipeline: PipelineFixture, id: String, sku: String) throws {
        #expect(try pipeline.state(of: id) == .cancelled)
        #expect(try pipeline.sandboxOrder(id)["status"]?.string == "CANCELLED")
        #expect(try pipeline.sandboxPackages(id).isEmpty)
        let rows = try pipeline.shipments(of: id)
        #expect(rows.map(\.status) == ["refunded"])
        let shipment = try pipeline.easyPost().shipment(id: try #require(rows.first?.providerShipmentId))
        #expect(shipment.refundStatus == "submitted")
        #expect(try pipeline.requests("POST", matching: "/v2/shipments/*/refund") == 1)
        #expect(try pipeline.count("SELECT count(*) FROM reservations WHERE state = 'held'") == 0)
        #expect(try pipeline.count("SELECT reserved FROM inventory WHERE sku_id = $1", [.string(sku)]) == 0)
        #expect(try pipeline.count("SELECT on_hand FROM inventory WHERE sku_id = $1", [.string(sku)]) == 5)
    }
}
