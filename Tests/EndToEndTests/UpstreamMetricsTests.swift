// `/metrics` on the real `creatorflow web` reports what the fleet's gates keep in Redis: waits
// for rate-limit slots per bucket and every upstream's breaker state.

import Clients
import Foundation
import Queue
import Testing
import TestSupport
import Upstream

extension MetricsTests {
    @Test func metricsReportRateLimitWaitsAndBreakerStates() throws {
        try TestDatabase.withSchema { database in
            _ = try database.migrated()
            let redis = try TestRedis()
            let port = try freePort()
            let env = [
                "REDIS_URL": "\(redis.url)", "CF_REDIS_PREFIX": redis.keys.prefix, "TIKTOK_APP_KEY": "k", "TIKTOK_APP_SECRET": "s",
                "DATABASE_URL": database.url, "CF_DATABASE_SCHEMA": database.schema,
            ]
            let web = try Child(["web", "--port", "\(port)"], environment: env)
            defer { web.signal(SIGTERM); _ = web.wait(timeout: 10) }
            let url = "http://127.0.0.1:\(port)/metrics"
            #expect(try eventually(timeout: 60) { try run("/usr/bin/curl", ["-sf", url]).0 == 0 }, "\(web.output)")

            let settings = UpstreamGateSettings(
                limits: [BucketLimit(prefix: "tiktok:app:", perWindow: 1)], window: .milliseconds(500), margin: .zero)
            let gate = RedisUpstreamGate(connection: try redis.connection(), keys: redis.keys, settings: settings)
            let tiktok = UpstreamCall(upstream: "tiktok", buckets: ["tiktok:app:m"])
            try gate.admit(tiktok)
            try gate.admit(tiktok)
            let failing = UpstreamCall(upstream: "easypost:USPS", buckets: ["easypost"])
            for _ in 0..<5 {
                try gate.admit(failing)
                gate.record(failing, failure: HTTPClientError(kind: .status(502), isRetryable: true, message: "HTTP 502"))
            }
            try gate.admit(UpstreamCall(upstream: "easypost:UPS", buckets: ["easypost"]))

            let series = try parse(try run("/usr/bin/curl", ["-sf", url]).1)
            #expect(series["creatorflow_rate_limit_waits_total{bucket=\"tiktok:app:m\"}"] == 1)
            let waited = try #require(series["creatorflow_rate_limit_wait_seconds_total{bucket=\"tiktok:app:m\"}"])
            #expect(waited > 0.3 && waited <= 0.6)
            #expect(series["creatorflow_breaker_state{upstream=\"easypost:USPS\"}"] == 2)
            #expect(series["creatorflow_breaker_state{upstream=\"easypost:UPS\"}"] == 0)
            #expect(series["creatorflow_breaker_state{upstream=\"tiktok\"}"] == 0)
        }
    }
}
