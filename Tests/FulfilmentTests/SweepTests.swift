// sweep against real PostgreSQL and Redis: an order whose next job was lost is re-driven from
// PostgreSQL state once, a fresh one is left alone, and a cancelled order's pending label refund
// is completed.

import Clients
import Domain
import Foundation
import Fulfilment
import Jobs
import Queue
import Testing

@Suite struct SweepTests {
    static let settings = FulfilmentSettings(
        carrierProviders: ["USPS": "7117858858072016686", "UPS": "7117859084333745966", "FedEx": "7212608507307099950"],
        stalledAfterSeconds: 60)
    static let stepQueues = ["critical", "default", "low"]

    @Test func aClassifiedOrderWhoseReserveJobWasLostIsReservedAndAFreshOneIsNotTouched() async throws {
        try await PipelineFixture.with(settings: Self.settings, worker: { $0.order = .strict(["intake"] + Self.stepQueues) }) {
            pipeline in
            let ids = try classifiedOrders(pipeline, 2, sku: "sku-w")
            #expect(try reserveJobs(pipeline).sorted() == ids.sorted())

            let redis = try pipeline.redis.connection()
            for queue in Self.stepQueues { try redis.command(["DEL", pipeline.redis.keys.queue(queue).jobs]) }
            _ = try pipeline.query(
                "UPDATE orders SET updated_at = now() - interval '1 hour' WHERE tiktok_order_id = $1", [.string(ids[0])])

            try pipeline.enqueue(SweepJob(), queue: "intake")
            try pipeline.enqueue(SweepJob(), queue: "intake")
            #expect(try pipeline.runWorkers { try sweepsDone(pipeline) == 2 })
            #expect(try reserveJobs(pipeline) == [ids[0]], "re-driven once, and only the stalled order")

            try setStepQueuesPaused(pipeline, false)
            #expect(try pipeline.runWorkers { try [.reserved, .labelled, .shipped].contains(pipeline.state(of: ids[0])) })
            #expect(try pipeline.state(of: ids[1]) == .classified)
            #expect(try pipeline.count("SELECT count(*) FROM reservations") == 1)
        }
    }

    @Test func aCancelledOrderWithAPendingRefundGetsItsLabelRefunded() async throws {
        try await PipelineFixture.with(settings: Self.settings, worker: { $0.order = .strict(["intake"] + Self.stepQueues) }) {
            pipeline in
            let ids = try classifiedOrders(pipeline, 1, sku: "sku-c")

            let easyPost = try EasyPostClient(
                configuration: try IntegrationEnvironment(["CF_SANDBOX_URL": pipeline.baseURL]).requireEasyPost(), retry: .never)
            let address = PostalAddress(street1: "1 Main St", city: "Austin", state: "TX", zip: "73301")
            let created = try easyPost.createShipment(
                ShipmentRequest(
                    toAddress: address, fromAddress: address, parcel: Parcel(length: 10, width: 8, height: 4, weight: 16),
                    reference: "sweep-test"))
            let bought = try easyPost.buy(shipmentId: created.id, rate: try #require(created.rates.first))
            _ = try pipeline.query(
                """
                INSERT INTO shipments (order_id, carrier, service, tracking_number, provider_shipment_id, status)
                SELECT id, $2, $3, $4, $5, 'void_requested' FROM orders WHERE tiktok_order_id = $1
                """,
                [.string(ids[0]), .string(bought.selectedRate?.carrier ?? "USPS"), .string(bought.selectedRate?.service ?? "Priority"),
                 bought.trackingCode.map { .string($0) }, .string(bought.id)])
            _ = try pipeline.query(
                "UPDATE orders SET internal_state = 'cancelled', updated_at = now() - interval '1 hour' WHERE tiktok_order_id = $1",
                [.string(ids[0])])

            try pipeline.enqueue(SweepJob(), queue: "intake")
            #expect(try pipeline.runWorkers { try sweepsDone(pipeline) == 1 })
            #expect(try pipeline.count("SELECT count(*) FROM shipments WHERE status = 'refunded'") == 1)
            #expect(try easyPost.shipment(id: bought.id).refundStatus == "submitted")
            #expect(try reserveJobs(pipeline) == ids, "only classify's original reserve job: a cancelled order is not reserved")
        }
    }

    /// `count` orders classified with the step queues paused, so their reserve jobs wait in Redis.
    private func classifiedOrders(_ pipeline: PipelineFixture, _ count: Int, sku: String) throws -> [String] {
        try pipeline.stock(sku, onHand: 10)
        let ids = try pipeline.createOrders(count, sku: sku)
        try setStepQueuesPaused(pipeline, true)
        try pipeline.classify(ids, queue: "intake")
        try #require(try pipeline.runWorkers { try ids.allSatisfy { try pipeline.state(of: $0) == .classified } })
        return ids
    }

    private func setStepQueuesPaused(_ pipeline: PipelineFixture, _ paused: Bool) throws {
        let redis = try pipeline.redis.connection()
        for queue in Self.stepQueues {
            let key = pipeline.redis.keys.queue(queue).paused
            try redis.command(paused ? ["SET", key, "1"] : ["DEL", key])
        }
    }

    /// The order ids of the reserve jobs waiting in the step queues.
    private func reserveJobs(_ pipeline: PipelineFixture) throws -> [String] {
        let redis = try pipeline.redis.connection()
        return try Self.stepQueues.flatMap { queue in
            try redis.command(["LRANGE", pipeline.redis.keys.queue(queue).jobs, "0", "-1"]).strings
                .filter { try JobEnvelope.decode($0).kind == ReserveJob.kind }
                .map { try JobEnvelope.decodeArgs(ReserveJob.self, from: $0).orderId }
        }
    }

    private func sweepsDone(_ pipeline: PipelineFixture) throws -> Int {
        try pipeline.redis.admin().snapshot(now: Date().timeIntervalSince1970).kinds[SweepJob.kind]?.processed ?? 0
    }
}
