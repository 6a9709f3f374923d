// Never oversell: many orders for few units, reserved by several worker processes at once.

import Domain
import Foundation
import Testing
import TestSupport

@Suite struct OversellTests {
    @Test func twoHundredOrdersFiftyUnitsFourProcesses() async throws {
        try await PipelineFixture.with { pipeline in
            try pipeline.stock("sku-hot", onHand: 50)
            let ids = try pipeline.createOrders(200, sku: "sku-hot", quantity: 1)
            #expect(ids.count == 200)
            let workers = try pipeline.startWorkerProcesses(4)
            try pipeline.classify(ids)
            let settled = try eventually(timeout: 180, interval: 0.2) {
                try pipeline.count(
                    "SELECT count(*) FROM orders WHERE internal_state IN ('reserved', 'labelled', 'shipped', 'backordered')"
                ) == 200
            }
            pipeline.stop(workers)
            #expect(settled, "\(workers.first?.output.suffix(2000) ?? "")")
            let reserved = try pipeline.count(
                "SELECT count(*) FROM orders WHERE internal_state IN ('reserved', 'labelled', 'shipped')")
            #expect(reserved == 50)
            #expect(try pipeline.count("SELECT count(*) FROM orders WHERE internal_state = 'backordered'") == 150)
            #expect(try pipeline.count(
                "SELECT coalesce(sum(quantity), 0)::bigint FROM reservations WHERE sku_id = 'sku-hot' AND state IN ('held', 'consumed')") == 50)
            let stock = try pipeline.query("SELECT on_hand, reserved FROM inventory WHERE sku_id = 'sku-hot'")[0]
            let onHand = try stock["on_hand", as: Int.self]
            let held = try stock["reserved", as: Int.self]
            #expect(onHand >= 0 && held >= 0 && onHand - held >= 0)
            #expect(onHand - held == 0, "every unit is spoken for")
        }
    }
}
