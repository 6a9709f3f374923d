// A purchase order's arrival: stock on hand, a stock sync, and the SKU's backordered orders
// reserved again highest priority first — with stock for only some, the highest-priority win.

import Domain
import Foundation
import Fulfilment
import Jobs
import Testing

@Suite struct PurchaseArrivalTests {
    @Test func arrivalReservesBackorderedOrdersHighestPriorityFirst() async throws {
        try await PipelineFixture.with(worker: { $0.concurrency = 1 }) { pipeline in
            try pipeline.stock("sku-b", onHand: 0)
            let ids = try pipeline.createOrders(5, sku: "sku-b")
            try pipeline.classify(ids)
            #expect(try pipeline.runWorkers {
                try ids.allSatisfy { try pipeline.state(of: $0) == .backordered } && pipeline.queuesIdle()
            })
            let scores = [20, 90, 50, 75, 10]
            for (id, score) in zip(ids, scores) {
                try pipeline.query(
                    "UPDATE orders SET priority_score = $2, queue = $3 WHERE tiktok_order_id = $1",
                    [.string(id), .int(score), .string(PriorityScore(clamping: score).queue)])
            }
            let byPriority = [ids[1], ids[3], ids[2], ids[0], ids[4]]
            let poId = Int64(
                try pipeline.count(
                    """
                    INSERT INTO purchase_orders (sku_id, quantity, kind, idempotency_key, status)
                    VALUES ('sku-b', 3, 'standard', 'arrival-test', 'placed') RETURNING id
                    """))

            let arrival = try PurchaseArrival.receive(id: poId, services: pipeline.services)
            #expect(arrival.received)
            #expect(arrival.reserveOrderIds == byPriority)
            #expect(arrival.purchaseOrder.status == "received" && arrival.purchaseOrder.receivedAt != nil)
            #expect(try pipeline.count("SELECT on_hand FROM inventory WHERE sku_id = 'sku-b'") == 3)

            #expect(try pipeline.runWorkers {
                try pipeline.count("SELECT count(*) FROM reservations WHERE state IN ('held', 'consumed')") == 3 && pipeline.queuesIdle()
            })
            let winners = try pipeline.query(
                """
                SELECT o.tiktok_order_id FROM reservations r JOIN orders o ON o.id = r.order_id
                WHERE r.state IN ('held', 'consumed') ORDER BY r.created_at, r.id
                """
            ).map { try $0["tiktok_order_id", as: String.self] }
            #expect(winners == Array(byPriority.prefix(3)))
            #expect(try pipeline.state(of: ids[0]) == .backordered)
            #expect(try pipeline.state(of: ids[4]) == .backordered)
            #expect(try pipeline.tiktokQuantity("sku-b") == 0)  // 3 arrived, 3 reserved

            // Workers are stopped: receiving again must add nothing (labels may have consumed some meanwhile).
            let onHand = try pipeline.count("SELECT on_hand FROM inventory WHERE sku_id = 'sku-b'")
            let again = try PurchaseArrival.receive(id: poId, services: pipeline.services)
            #expect(!again.received)
            #expect(again.reserveOrderIds == [ids[0], ids[4]])
            #expect(try pipeline.count("SELECT on_hand FROM inventory WHERE sku_id = 'sku-b'") == onHand)
        }
    }
}
