// classify and reserve against the sandbox, real PostgreSQL and real Redis.

import Domain
import Foundation
import Jobs
import Testing

@Suite struct ClassifyReserveTests {
    @Test func awaitingShipmentOrderIsStoredScoredAndReserved() async throws {
        try await PipelineFixture.with { pipeline in
            try pipeline.stock("sku-a", onHand: 10)
            let ids = try pipeline.createOrders(1, sku: "sku-a", quantity: 3)
            try pipeline.classify(ids)
            let reserved = try pipeline.runWorkers {
                try pipeline.state(of: ids[0]).map { [.reserved, .labelled, .shipped].contains($0) } ?? false
            }
            #expect(reserved)
            let order = try pipeline.query(
                "SELECT priority_score, priority, queue, status FROM orders WHERE tiktok_order_id = $1", [.string(ids[0])])[0]
            let score = try order["priority_score", as: Int.self]
            #expect((1...100).contains(score))
            #expect(try order["queue", as: String.self] == PriorityScore(clamping: score).queue)
            #expect(try order["status", as: String.self] == "AWAITING_SHIPMENT")
            #expect(try pipeline.count("SELECT sum(quantity)::bigint FROM order_lines") == 3)
            #expect(try pipeline.count("SELECT reserved + (10 - on_hand) FROM inventory WHERE sku_id = 'sku-a'") == 3)
            #expect(try pipeline.count("SELECT count(*) FROM reservations WHERE state IN ('held', 'consumed')") == 1)
        }
    }

    @Test func unpaidOrderWaitsAndIsNotReserved() async throws {
        try await PipelineFixture.with { pipeline in
            try pipeline.stock("sku-u", onHand: 10)
            let ids = try pipeline.createOrders(1, sku: "sku-u", status: "UNPAID")
            try pipeline.classify(ids)
            #expect(try pipeline.runWorkers { try pipeline.state(of: ids[0]) != nil })
            #expect(try pipeline.state(of: ids[0]) == .awaiting)
            #expect(try pipeline.count("SELECT reserved FROM inventory WHERE sku_id = 'sku-u'") == 0)
        }
    }

    @Test func shortStockBackordersTheOrder() async throws {
        try await PipelineFixture.with { pipeline in
            try pipeline.stock("sku-s", onHand: 1)
            let ids = try pipeline.createOrders(1, sku: "sku-s", quantity: 2)
            try pipeline.classify(ids)
            #expect(try pipeline.runWorkers { try pipeline.state(of: ids[0]) == .backordered })
            #expect(try pipeline.count("SELECT reserved FROM inventory WHERE sku_id = 'sku-s'") == 0)
            #expect(try pipeline.count("SELECT count(*) FROM reservations") == 0)
        }
    }

    @Test func duplicateClassifyJobsHaveOneEffect() async throws {
        try await PipelineFixture.with { pipeline in
            try pipeline.stock("sku-d", onHand: 10)
            let ids = try pipeline.createOrders(1, sku: "sku-d", quantity: 1)
            try pipeline.classify(ids + ids + ids)
            let reserved = try pipeline.runWorkers {
                try pipeline.state(of: ids[0]).map { [.reserved, .labelled, .shipped].contains($0) } ?? false
            }
            #expect(reserved)
            #expect(try pipeline.count("SELECT count(*) FROM orders") == 1)
            #expect(try pipeline.count("SELECT count(*) FROM reservations WHERE state IN ('held', 'consumed')") == 1)
            #expect(try pipeline.count("SELECT reserved + (10 - on_hand) FROM inventory WHERE sku_id = 'sku-d'") == 1)
            #expect(try pipeline.count("SELECT order_count FROM customers") == 1)
        }
    }
}
