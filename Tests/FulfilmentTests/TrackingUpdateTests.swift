// `tracking-update` in a worker: a shipment's newest scan `delivered` moves its shipped order to
// delivered (stamping delivered_at), once however often the job runs; an order the machine does
// not let reach delivered, or a shipment whose newest scan is something else, stays as it is.

import Foundation
import Jobs
import Store
import Testing

@Suite(.serialized) struct TrackingUpdateTests {
    func scan(_ status: String, at seconds: Double) -> NewTrackingEvent {
        NewTrackingEvent(
            status: status, occurredAt: Date(timeIntervalSince1970: seconds), rawJSON: #"{"status":"\#(status)"}"#,
            dedupeKey: "test-\(status)-\(seconds)")
    }

    func shipmentId(_ pipeline: PipelineFixture, order id: String) throws -> Int64 {
        try pipeline.query(
            "SELECT s.id FROM shipments s JOIN orders o ON o.id = s.order_id WHERE o.tiktok_order_id = $1 ORDER BY s.id DESC LIMIT 1",
            [.string(id)])[0]["id", as: Int64.self]
    }

    @Test func aDeliveredScanDeliversTheShippedOrderOnce() async throws {
        try await PipelineFixture.with { pipeline in
            try pipeline.stock("sku-d", onHand: 5)
            let id = try pipeline.createOrders(1, sku: "sku-d")[0]
            try pipeline.classify([id])
            #expect(try pipeline.runWorkers { try pipeline.state(of: id) == .shipped && pipeline.queuesIdle() })
            let shipment = try shipmentId(pipeline, order: id)

            try pipeline.withConnection {
                try TrackingEventStore(connection: $0).insert([scan("in_transit", at: 1_000)], shipmentId: shipment)
            }
            try pipeline.enqueue(TrackingUpdateJob(shipmentId: shipment))
            #expect(try pipeline.runWorkers { try pipeline.queuesIdle() })
            #expect(try pipeline.state(of: id) == .shipped, "in transit moves nothing")

            try pipeline.withConnection {
                try TrackingEventStore(connection: $0).insert([scan("delivered", at: 2_000)], shipmentId: shipment)
            }
            try pipeline.enqueue(TrackingUpdateJob(shipmentId: shipment))
            try pipeline.enqueue(TrackingUpdateJob(shipmentId: shipment))
            #expect(try pipeline.runWorkers { try pipeline.state(of: id) == .delivered && pipeline.queuesIdle() })
            let row = try pipeline.query(
                "SELECT version, delivered_at IS NOT NULL AS stamped FROM orders WHERE tiktok_order_id = $1", [.string(id)])[0]
            #expect(try row["stamped", as: Bool.self])
            let version = try row["version", as: Int.self]
            try pipeline.enqueue(TrackingUpdateJob(shipmentId: shipment))
            #expect(try pipeline.runWorkers { try pipeline.queuesIdle() })
            #expect(try pipeline.count("SELECT version FROM orders WHERE tiktok_order_id = $1", [.string(id)]) == version)
            #expect(try pipeline.deadLetters().isEmpty)
        }
    }

    @Test func aLabelledOrderIsNotDeliveredByAScan() async throws {
        try await PipelineFixture.with { pipeline in
            try pipeline.stock("sku-e", onHand: 5)
            let id = try pipeline.createOrders(1, sku: "sku-e")[0]
            try pipeline.fault(#"{"kind":"server_error","method":"POST","path":"/fulfillment/202309/orders/*/packages"}"#)
            try pipeline.classify([id])
            #expect(
                try pipeline.runWorkers {
                    try pipeline.state(of: id) == .labelled && pipeline.deadLetters().contains { $0.kind == TrackingSyncJob.kind }
                })
            try pipeline.clearFaults()
            let shipment = try shipmentId(pipeline, order: id)
            try pipeline.withConnection {
                try TrackingEventStore(connection: $0).insert([scan("delivered", at: 3_000)], shipmentId: shipment)
            }
            try pipeline.enqueue(TrackingUpdateJob(shipmentId: shipment))
            #expect(try pipeline.runWorkers { try pipeline.queuesIdle() })
            #expect(try pipeline.state(of: id) == .labelled)
            #expect(try pipeline.deadLetters().allSatisfy { $0.kind == TrackingSyncJob.kind })
        }
    }
}
