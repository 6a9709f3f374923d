// The whole pipeline as deployed: the sandbox sends signed webhooks to a real `creatorflow web`,
// real `creatorflow worker` processes take each order to a bought label and a shipped status on
// the sandbox's TikTok Shop — first cleanly, then under faults, a SIGKILL and a Redis flush.

import Foundation
import Jobs
import Queue
import Redis
import Sandbox
import Testing
import TestSupport

@Suite(.serialized) struct EndToEndPipelineTests {
    @Test func ordersGoFromWebhookToShippedWithTheBoughtTrackingNumber() async throws {
        try await PipelineFixture.with(webhooks: true) { pipeline in
            try pipeline.stock("sku-1", onHand: 100)
            try pipeline.stock("sku-2", onHand: 100)
            let web = try pipeline.startWeb()
            let workers = try pipeline.startWorkerProcesses(2)
            defer { pipeline.stop(workers + [web]) }
            let ids = try pipeline.createOrders(6, sku: "sku-1") + pipeline.createOrders(4, sku: "sku-2", quantity: 2)
            let shipped = try eventually(timeout: 120, interval: 0.2) {
                try pipeline.count("SELECT count(*) FROM orders WHERE internal_state = 'shipped'") == ids.count
            }
            #expect(shipped, "\(workers[0].output.suffix(3000))")
            try pipeline.expectShippedWithBoughtLabels(ids)
            for kind in ["classify", "reserve", "label", "tracking-sync"] {
                #expect(try pipeline.count(
                    "SELECT count(*) FROM job_runs WHERE kind = $1 AND outcome = 'success'", [.string(kind)]) >= ids.count,
                    "\(kind) runs are recorded")
            }
            #expect(try eventually(timeout: 30) {
                try pipeline.count("SELECT count(*) FROM webhook_events WHERE processed_at IS NULL") == 0
            }, "every webhook event (including the status changes our own shipping caused) is processed")
            #expect(try pipeline.count("SELECT on_hand FROM inventory WHERE sku_id = 'sku-2'") == 92)
        }
    }

    @Test func faultsCrashAndRedisFlushEndInTheSameStateWithoutDuplicates() async throws {
        let privateRedis = try PrivateRedis(instance: "pipeline")
        defer { try? privateRedis.stop() }
        try await PipelineFixture.with(webhooks: true, redisURL: privateRedis.url) { pipeline in
            try pipeline.stock("sku-1", onHand: 1_000)
            for fault in [
                #"{"kind":"throttle","method":"GET","path":"/order/*","retry_after":1,"probability":0.1,"count":20}"#,
                #"{"kind":"server_error","method":"POST","path":"/fulfillment/*","probability":0.1,"count":15}"#,
                #"{"kind":"lost_response","method":"POST","path":"/v2/shipments/*/buy","carrier":"UPS","probability":0.1,"count":15}"#,
                #"{"kind":"server_error","method":"POST","path":"/v2/shipments/*/buy","carrier":"USPS"}"#,
                #"{"kind":"webhook_duplicate","probability":0.3}"#,
            ] {
                try pipeline.control("POST", "/_sim/faults", fault)
            }
            let web = try pipeline.startWeb()
            var workers = try pipeline.startWorkerProcesses(3)
            let ids = try pipeline.createOrders(200, sku: "sku-1")

            #expect(try eventually(timeout: 120, interval: 0.1) {
                try pipeline.count("SELECT count(*) FROM shipments WHERE status = 'purchased'") >= 40
            })
            workers[0].signal(SIGKILL)
            workers[0] = try pipeline.startWorkerProcesses(1)[0]

            // A bound, not a speed target: on a loaded 2-core machine this half took over 120 s once.
            #expect(try eventually(timeout: 300, interval: 0.1) {
                try pipeline.count("SELECT count(*) FROM orders WHERE internal_state IN ('labelled', 'shipped')") >= 100
            })
            _ = try RedisConnection(url: privateRedis.url).command(["FLUSHALL"])

            var polls = 0
            let shipped = try eventually(timeout: 300, interval: 0.5) {
                polls += 1
                if polls % 10 == 0 { try pipeline.enqueue(SweepJob(), queue: "low") }
                return try pipeline.count("SELECT count(*) FROM orders WHERE internal_state = 'shipped'") == ids.count
            }
            pipeline.stop(workers + [web])
            #expect(shipped, "\(workers[1].output.suffix(3000))")
            try pipeline.expectShippedWithBoughtLabels(ids)
            #expect(try pipeline.count("SELECT count(*) FROM shipments WHERE carrier = 'USPS' AND status = 'purchased'") == 0)
            #expect(try pipeline.count("SELECT count(*) FROM reservations WHERE state = 'consumed'") == 200)
            #expect(try pipeline.count("SELECT on_hand FROM inventory WHERE sku_id = 'sku-1'") == 800)
            #expect(try pipeline.count(
                "SELECT count(*) FROM (SELECT sku_id FROM purchase_orders GROUP BY sku_id, kind HAVING count(*) > 1) d") == 0)
        }
    }
}
