import Foundation
import Jobs
import Queue
import Testing
import TestSupport

/// `/metrics` on the real `creatorflow web`: Prometheus text that moves when jobs run and agrees
/// with `creatorflow queues --json`.
@Suite struct MetricsTests {
    /// Parses Prometheus text exposition into `series → value`, failing on any malformed line.
    func parse(_ text: String) throws -> [String: Double] {
        var series: [String: Double] = [:]
        let line = /^([a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})?) (-?[0-9.eE+-]+|NaN|\+Inf|-Inf)$/
        for raw in text.split(separator: "\n") where !raw.hasPrefix("#") {
            guard let match = raw.wholeMatch(of: line), let value = Double(match.output.3) else {
                throw TestEnvironmentError("not Prometheus text: \(raw)")
            }
            series[String(match.output.1)] = value
        }
        return series
    }

    @Test func metricsCoverTheFleetAndAgreeWithQueuesJSON() throws {
        try TestDatabase.withSchema { database in
            _ = try database.migrated()
            let redis = try TestRedis()
            let port = try freePort()
            let env = [
                "REDIS_URL": "\(redis.url)", "CF_REDIS_PREFIX": redis.keys.prefix, "DATABASE_URL": database.url,
                "CF_DATABASE_SCHEMA": database.schema, "TIKTOK_APP_KEY": "k", "TIKTOK_APP_SECRET": "s",
            ]
            let web = try Child(["web", "--port", "\(port)"], environment: env)
            defer { web.signal(SIGTERM); _ = web.wait(timeout: 10) }
            let url = "http://127.0.0.1:\(port)/metrics"
            #expect(try eventually(timeout: 60) { try run("/usr/bin/curl", ["-sf", url]).0 == 0 }, "\(web.output)")
            let before = try parse(try run("/usr/bin/curl", ["-sf", url]).1)
            #expect(before["creatorflow_jobs_total{kind=\"noop\",outcome=\"processed\"}"] == nil)

            let client = try redis.session(pid: "client")
            let now = Date().timeIntervalSince1970
            try client.enqueue(try (0..<30).map { _ in try NoopJob().newJob(maxAttempts: 3, now: now).encoded() })
            try client.enqueue(try (0..<3).map { _ in
                try FailJob(permanent: true, message: "boom").newJob(maxAttempts: 3, now: now).encoded()
            })
            try client.enqueue(try (0..<7).map { _ in
                try NoopJob().newJob(queue: "low", maxAttempts: 3, now: now).encoded()
            })
            let worker = try Child(["worker", "--queues", "default"], environment: env)
            #expect(try eventually(timeout: 30) { try redis.admin().snapshot(now: Date().timeIntervalSince1970).processed == 30 })
            #expect(try eventually(timeout: 10) { try redis.admin().snapshot(now: Date().timeIntervalSince1970).dead == 3 })
            _ = try run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-X", "POST", "-H", "Authorization: nope", "--data", "{}",
                                          "http://127.0.0.1:\(port)/webhooks/tiktok"])

            var after: [String: Double] = [:]
            #expect(try eventually(timeout: 10) {
                after = try parse(try run("/usr/bin/curl", ["-sf", url]).1)
                return after["creatorflow_job_duration_seconds_count{kind=\"noop\"}"] == 30
            })
            #expect(try eventually(timeout: 10) {
                let metrics = try parse(try run("/usr/bin/curl", ["-sf", url]).1)
                return (metrics["creatorflow_worker_postgres_round_trips"] ?? 0) > 0
                    && (metrics["creatorflow_web_postgres_round_trips"] ?? 0) > 0
            }, "the worker's heartbeat and the web process report their PostgreSQL round trips")
            let (_, json) = try run(repositoryRoot.appendingPathComponent(".build/debug/creatorflow").path, ["queues", "--json"], environment: env)
            let fleet = try JSONDecoder().decode(FleetSnapshot.self, from: Data(json.utf8))
            worker.signal(SIGTERM)
            #expect(worker.wait(timeout: 15) == 0)

            #expect(after["creatorflow_jobs_total{kind=\"noop\",outcome=\"processed\"}"] == Double(fleet.kinds["noop"]?.processed ?? -1))
            #expect(after["creatorflow_jobs_total{kind=\"noop\",outcome=\"processed\"}"] == 30)
            #expect(after["creatorflow_jobs_total{kind=\"fail\",outcome=\"dead\"}"] == Double(fleet.kinds["fail"]?.dead ?? -1))
            #expect(after["creatorflow_jobs_total{kind=\"fail\",outcome=\"dead\"}"] == 3)
            let low = try #require(fleet.queues.first { $0.name == "low" })
            #expect(after["creatorflow_queue_depth{queue=\"low\"}"] == Double(low.size))
            #expect(after["creatorflow_queue_depth{queue=\"low\"}"] == 7)
            #expect(fleet.kinds["noop"]?.queued == 7)
            #expect(fleet.kinds["fail"]?.queued == 0)
            #expect(after["creatorflow_dead_letters{queue=\"default\"}"] == 3)
            #expect(after["creatorflow_job_duration_seconds_count{kind=\"noop\"}"] == 30)
            #expect(after["creatorflow_job_duration_seconds_bucket{kind=\"noop\",le=\"+Inf\"}"] == 30)
            #expect(after["creatorflow_webhooks_total{status=\"401\"}"] == 1)
            #expect(after["creatorflow_workers"] == 1)
        }
    }
}
