// A receiver with the dashboard switched on, and the rows its tests change: shops and orders
// written straight to PostgreSQL, as the workers would commit them.

import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Receiver
import Store

/// The dashboard's secret in tests (32 bytes or more, as HS256 wants).
let dashboardSecret = "dashboard-test-secret-0123456789abcdef"

extension ReceiverFixture {
    /// This fixture with the dashboard on; `adjust` changes its settings (timings, limits).
    func withDashboard(_ adjust: (inout DashboardSettings) -> Void = { _ in }) -> ReceiverFixture {
        var copy = self
        var settings = DashboardSettings(secret: dashboardSecret, schema: schema)
        adjust(&settings)
        copy.configuration.dashboard = settings
        return copy
    }

    /// A token signed with the test secret.
    func token(shops: [String] = [], operator isOperator: Bool = false, ttl: TimeInterval = 3600, now: Date = Date()) async throws -> String {
        try await DashboardTokens(secret: dashboardSecret).mint(
            subject: "test", shops: shops, isOperator: isOperator, ttl: ttl, now: now)
    }

    /// Runs `sql` in this test's schema (one script, one transaction).
    func sql(_ sql: String) async throws {
        try await onThread { [databaseURL, schema] in
            try PostgresConnection(url: databaseURL, searchPath: schema).executeScript(sql)
        }
    }

    /// Waits until the web process's feed has a session on this schema (at most 20 s): a client
    /// connected before that gets a second snapshot when the feed starts reading.
    func feedReading() async throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let reading = try await onThread { [databaseURL, schema] in
                try PostgresConnection(url: databaseURL).query(
                    "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = left($1, 63)",
                    [.string(DashboardEventFeed.applicationName(schema: schema))])[0]["n", as: Int.self] > 0
            }
            if reading { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestProbeError("the dashboard feed never read the events of \(schema)")
    }

    /// Ends the feed's database session from the server's side.
    func terminateFeedSession() async throws {
        try await sql(
            """
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE application_name = left('\(DashboardEventFeed.applicationName(schema: schema))', 63)
            """)
    }

    /// A shop with TikTok id `tiktokId`; returns its row id.
    func shop(_ tiktokId: String) async throws -> Int64 {
        try await onThread { [databaseURL, schema] in
            try PostgresConnection(url: databaseURL, searchPath: schema).query(
                "INSERT INTO shops (tiktok_shop_id, name, region, cipher) VALUES ($1, $1, 'US', 'c') RETURNING id",
                [.string(tiktokId)])[0]["id", as: Int64.self]
        }
    }

    /// `count` received orders of shop row `shop` in one transaction.
    func orders(_ count: Int, shop: Int64, prefix: String) async throws {
        try await sql(
            """
            INSERT INTO orders (tiktok_order_id, shop_id, status, internal_state)
            SELECT '\(prefix)-' || i, \(shop), 'AWAITING_SHIPMENT', 'received' FROM generate_series(1, \(count)) i
            """)
    }
}

extension DashboardProbe {
    /// The TikTok order ids of the order events received so far.
    var orderEventIds: [String] {
        events.compactMap { ($0["order"] as? [String: Any])?["tiktok_order_id"] as? String }
    }

    /// The TikTok order ids in the latest snapshot.
    var snapshotOrderIds: [String] {
        (snapshots.last?["orders"] as? [[String: Any]] ?? []).compactMap { $0["tiktok_order_id"] as? String }
    }
}
