// Under the real default TikTok quota (1,000 requests in any rolling minute, shared by every
// worker process), a burst of 2,000 orders drains at the quota's pace with no failures, and
// HIGH-priority orders ship before the rest.

import Foundation
import Sandbox
import Testing
import TestSupport

@Suite struct QuotaDrainTests {
    @Test func twoThousandOrdersDrainAtTheQuotaPaceHighPriorityFirst() async throws {
        try await PipelineFixture.with { pipeline in
            try pipeline.stock("sku-steady", onHand: 10_000)
            try pipeline.stock("sku-viral", onHand: 10_000)
            try pipeline.history(sku: "sku-steady", unitsPerHour: 2_000, hours: 24)
            let workers = try pipeline.startWorkerProcesses(4, environment: [
                "CF_RATE_LIMITS_TIKTOK_PER_APP_PER_MINUTE": "1000", "CF_RATE_LIMITS_TIKTOK_PER_SHOP_PER_MINUTE": "1000",
            ])
            let early = try pipeline.createOrders(850, sku: "sku-steady")
            let viral = try pipeline.createOrders(300, sku: "sku-viral")
            let late = try pipeline.createOrders(850, sku: "sku-steady")
            try pipeline.classify(early + viral + late)
            let drained = try eventually(timeout: 600, interval: 1) {
                try pipeline.count("SELECT count(*) FROM orders WHERE internal_state = 'shipped'") == 2_000
            }
            pipeline.stop(workers)
            #expect(drained, "\(workers[0].output.suffix(3000))")
            #expect(try pipeline.deadLetters().isEmpty)

            let times = try pipeline.tiktokRequestTimes()
            let busiest = PipelineFixture.busiestWindow(times, seconds: 60)
            #expect(times.count >= 4_000, "at least two TikTok calls per order")
            #expect(busiest <= 1_000, "\(busiest) TikTok requests in one rolling minute")
            let minutes = (times.last! - times.first!) / 60
            #expect(Double(times.count) / minutes >= 700, "the quota is used, not idled: \(Double(times.count) / minutes)/min")

            let high = try pipeline.shippedTimes(priority: "HIGH")
            let rest = try pipeline.shippedTimes(priority: nil)
            #expect(high.count >= 200, "the viral SKU's orders are HIGH")
            #expect(rest.count >= 1_000)
            #expect(PipelineFixture.percentile(high, 0.9) < PipelineFixture.percentile(rest, 0.5),
                    "HIGH orders ship first")
            let start = times.first!
            print(String(format: "quota drain: %d TikTok requests in %.1f min (%.0f/min), busiest rolling minute %d",
                         times.count, minutes, Double(times.count) / minutes, busiest))
            print(String(format: "quota drain: %d HIGH orders shipped by +%.0f s (p90); %d others by +%.0f s (p50), +%.0f s (last)",
                         high.count, PipelineFixture.percentile(high, 0.9) - start, rest.count,
                         PipelineFixture.percentile(rest, 0.5) - start, (rest.last ?? start) - start))
        }
    }
}

extension PipelineFixture {
    /// Inserts past orders of `sku` at `unitsPerHour` for the `hours` before the last 30 minutes,
    /// so its current sales look steady rather than viral.
    func history(sku: String, unitsPerHour: Int, hours: Int) throws {
        try query(
            """
            WITH past AS (
                INSERT INTO orders (tiktok_order_id, shop_id, status, internal_state, ordered_at, priority_score, priority, queue)
                SELECT 'past-' || $1 || '-' || h, (SELECT id FROM shops LIMIT 1), 'COMPLETED', 'delivered',
                       now() - interval '31 minutes' - h * interval '1 hour', 10, 'LOW', 'low'
                FROM generate_series(0, $3 - 1) h
                RETURNING id, ordered_at
            )
            INSERT INTO order_lines (order_id, sku_id, quantity, unit_price_minor, currency, ordered_at)
            SELECT id, $1, $2, 1999, 'USD', ordered_at FROM past
            """, [.string(sku), .int(unitsPerHour), .int(hours)])
    }

    /// Unix times of every TikTok Shop API request the fleet sent (the test's own onboarding and
    /// token calls excluded), sorted.
    func tiktokRequestTimes() throws -> [Double] {
        let requests = try control("GET", "/_sim/requests")["requests"]?.array ?? []
        return requests.compactMap { request -> Double? in
            guard let path = request["path"]?.string, !path.hasPrefix("/v2"), !path.hasPrefix("/supplier"),
                !path.hasPrefix("/_sim"), !path.hasPrefix("/api/v2/token"), !path.hasPrefix("/authorization"), let at = request["at_ms"]?.int
            else { return nil }
            return Double(at) / 1000
        }.sorted()
    }

    /// Shipping times of orders with `priority` (nil: every other priority than HIGH), sorted.
    func shippedTimes(priority: String?) throws -> [Double] {
        let filter = priority == nil ? "priority <> 'HIGH'" : "priority = 'HIGH'"
        return try query(
            "SELECT extract(epoch FROM shipped_at)::float8 AS at FROM orders WHERE shipped_at IS NOT NULL AND \(filter) ORDER BY at"
        ).map { try $0["at", as: Double.self] }
    }

    /// The most requests in any window of `seconds` (sorted `times`).
    static func busiestWindow(_ times: [Double], seconds: Double) -> Int {
        var start = 0
        var best = 0
        for end in times.indices {
            while times[end] - times[start] >= seconds { start += 1 }
            best = max(best, end - start + 1)
        }
        return best
    }

    /// The `p` quantile of sorted `values` (nearest rank).
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        return values[min(values.count - 1, Int((Double(values.count) * p).rounded(.up)) - 1)]
    }
}
