// Test helpers for purchasing and stock sync: an injectable clock, generated sales history written
// straight into PostgreSQL, queue idleness, and the sandbox's request counts and TikTok inventory.

import Foundation
import Queue
import Sandbox
import Store

/// A clock tests move by hand; `read` is what `FulfilmentServices(now:)` gets.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func advance(by seconds: TimeInterval) {
        lock.lock()
        current += seconds
        lock.unlock()
    }

    var read: @Sendable () -> Date { { self.now } }
}

/// Generated order timestamps, as the domain's viral scenario builds them.
enum SalesTimeline {
    /// `ratePerHour` units in `(start, end]`, one per slot of `1/rate` hours counted back from `end`,
    /// each at `phase` of its slot (0.25 keeps them off window boundaries).
    static func steady(ratePerHour: Double, from start: Date, to end: Date, phase: Double = 0.25) -> [Date] {
        let gap = 3600 / ratePerHour
        var dates: [Date] = []
        var slot = 0.0
        while true {
            let date = end.addingTimeInterval(-(slot + phase) * gap)
            if date <= start { break }
            dates.append(date)
            slot += 1
        }
        return dates.reversed()
    }
}

extension PipelineFixture {
    /// Writes one delivered order of one unit of `sku` at each of `dates` (the sales history the
    /// forecast reads), on the onboarded shop.
    func recordSales(_ sku: String, at dates: [Date], batch: String = "history") throws {
        for (index, date) in dates.enumerated() {
            try query(
                """
                WITH o AS (
                    INSERT INTO orders (tiktok_order_id, shop_id, status, internal_state, ordered_at, created_at, updated_at)
                    SELECT $1, id, 'DELIVERED', 'delivered', $2, $2, $2 FROM shops WHERE tiktok_shop_id = $3
                    RETURNING id
                )
                INSERT INTO order_lines (order_id, sku_id, quantity, unit_price_minor, currency, ordered_at)
                SELECT id, $4, 1, 1999, 'USD', $2 FROM o
                """, [.string("\(batch)-\(sku)-\(index)"), .date(date), .string(shopId), .string(sku)])
        }
    }

    /// Whether every pipeline queue is empty with nothing in flight, scheduled or awaiting retry.
    func queuesIdle() throws -> Bool {
        try redis.admin().snapshot(now: Date().timeIntervalSince1970).queues.allSatisfy {
            $0.size == 0 && $0.inFlight == 0 && $0.scheduled == 0 && $0.retries == 0
        }
    }

    /// How many `method path` requests the sandbox received.
    func requests(_ method: String, _ path: String) throws -> Int {
        try sandbox.requestCount(method, path)
    }

    /// The quantity TikTok (the sandbox) believes is available for `sku`, nil when never told.
    func tiktokQuantity(_ sku: String) throws -> Int? {
        try control("GET", "/_sim/inventory/\(sku)")["quantity"]?.int.map(Int.init)
    }
}

extension SandboxServer {
    /// How many `method path` requests this sandbox received.
    func requestCount(_ method: String, _ path: String) throws -> Int {
        Int(try SimHTTP.call("GET", baseURL + "/_sim/requests")["counts"]?["\(method) \(path)"]?.int ?? 0)
    }
}
