// `/metrics` serves each SKU's latest checked purchase forecast from PostgreSQL: the realised
// deviation and the rates behind it (the spec's forecast monitoring loop).

import Foundation
import Testing
import TestSupport

@Suite struct ForecastMetricsTests {
    @Test func latestCheckedForecastPerSkuIsServed() throws {
        try TestDatabase.withSchema { database in
            let db = try database.migrated()
            try db.execute("INSERT INTO inventory (sku_id, on_hand, unit_cost_minor) VALUES ('sku-m', 10, 500), ('sku-n', 10, 500)")
            for (id, sku, made, checked, expected, actual) in [
                (1, "sku-m", "2026-12-01 10:00", "2026-12-01 12:00", 10.0, 15.0),
                (2, "sku-m", "2026-12-02 10:00", "2026-12-02 11:30", 10.0, 7.0),
                (3, "sku-n", "2026-12-02 10:00", nil as String?, 4.0, nil as Double?),
            ] {
                try db.execute(
                    """
                    INSERT INTO purchase_orders (id, sku_id, quantity, kind, idempotency_key, status)
                    VALUES ($1, $2, 100, 'standard', 'po-' || $1::text, 'placed')
                    """, [.int(id), .string(sku)])
                try db.execute(
                    """
                    INSERT INTO purchase_forecasts (purchase_order_id, sku_id, made_at, expected_units_per_hour, evidence,
                                                    checked_at, actual_units_per_hour, deviation)
                    VALUES ($1, $2, $3::timestamptz, $4, 'quiet', $5::timestamptz, $6, ($6 - $4) / $4)
                    """,
                    [.int(id), .string(sku), .string(made), .double(expected), checked.map { .string($0) }, actual.map { .double($0) }])
            }
            let redis = try TestRedis()
            let port = try freePort()
            let web = try Child(
                ["web", "--port", "\(port)"],
                environment: [
                    "REDIS_URL": "\(redis.url)", "CF_REDIS_PREFIX": redis.keys.prefix, "DATABASE_URL": database.url,
                    "CF_DATABASE_SCHEMA": database.schema, "TIKTOK_APP_KEY": "k", "TIKTOK_APP_SECRET": "s",
                ])
            defer { web.signal(SIGTERM); _ = web.wait(timeout: 10) }
            let url = "http://127.0.0.1:\(port)/metrics"
            #expect(try eventually(timeout: 60) { try run("/usr/bin/curl", ["-sf", url]).0 == 0 }, "\(web.output)")
            let series = try MetricsTests().parse(try run("/usr/bin/curl", ["-sf", url]).1)
            #expect(series["creatorflow_forecast_deviation_ratio{sku=\"sku-m\"}"] == -0.3, "the latest check wins")
            #expect(series["creatorflow_forecast_expected_units_per_hour{sku=\"sku-m\"}"] == 10)
            #expect(series["creatorflow_forecast_actual_units_per_hour{sku=\"sku-m\"}"] == 7)
            #expect(series.keys.allSatisfy { !$0.contains("sku-n") }, "a forecast not yet checked has no deviation")
        }
    }
}
