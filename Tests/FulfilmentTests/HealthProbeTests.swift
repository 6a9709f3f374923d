// health-probe against the sandbox, real PostgreSQL and real Redis: rows stored per subsystem,
// the score, and the health alert raised once per outage and resolved once on recovery, counted
// at a local stand-in for the Slack webhook.

import Clients
import Domain
import Foundation
import Fulfilment
import Jobs
import Logging
import Queue
import Redis
import Store
import Testing
import TestSupport
@testable import Worker

@Suite struct HealthProbeTests {
    static let carriers = ["USPS": "7117858858072016686", "UPS": "7117859084333745966", "FedEx": "7212608507307099950"]

    @Test func aHealthyFleetStoresEveryCheckAndRaisesNoAlert() async throws {
        let capture = try await WebhookCapture.start()
        try await PipelineFixture.with(settings: FulfilmentSettings(carrierProviders: Self.carriers, alertWebhookURL: capture.url)) {
            pipeline in
            try probe(pipeline)
            let rows = try pipeline.query("SELECT subsystem, status, score FROM health_checks ORDER BY subsystem")
            #expect(
                try rows.map { try $0["subsystem", as: String.self] } == [
                    "carrier.fedex", "carrier.ups", "carrier.usps", "overall", "postgres", "queues", "redis", "tiktok_api",
                ])
            for row in rows {
                let subsystem = try row["subsystem", as: String.self]
                if subsystem != "overall" { #expect(try row["status", as: String.self] == "healthy", "\(subsystem)") }
            }
            let overall = try latest(pipeline, "overall")
            #expect(try overall["score", as: Int.self] >= 80)
            #expect(try overall["status", as: String.self] == "healthy")
            let tiktok = try latest(pipeline, "tiktok_api")
            #expect(try tiktok["shop", as: String?.self] == pipeline.shopId)
            #expect(try tiktok["latency_ms", as: Double?.self].map { $0 > 0 } == true)
            #expect(try pipeline.count("SELECT count(*) FROM alerts") == 0)
        }
        await capture.stop()
        #expect(capture.received.isEmpty)
    }

    @Test func aTikTokOutageAlertsOnceAndItsRecoveryResolvesOnce() async throws {
        let capture = try await WebhookCapture.start()
        try await PipelineFixture.with(settings: FulfilmentSettings(carrierProviders: Self.carriers, alertWebhookURL: capture.url)) {
            pipeline in
            try probe(pipeline)
            #expect(try latest(pipeline, "overall")["status", as: String.self] == "healthy")

            try pipeline.control("POST", "/_sim/faults", #"{"kind":"server_error","path":"/*","status":503}"#)
            for _ in 0..<3 { try probe(pipeline) }
            let down = try pipeline.query(
                "SELECT status FROM health_checks WHERE subsystem = 'tiktok_api' ORDER BY checked_at DESC, id DESC LIMIT 3")
            #expect(try down.map { try $0["status", as: String.self] } == ["down", "down", "down"])
            let overall = try latest(pipeline, "overall")
            #expect(try overall["status", as: String.self] == "critical")
            let alerts = try pipeline.query("SELECT key, severity, state, message FROM alerts")
            #expect(alerts.count == 1)
            #expect(try alerts[0]["key", as: String.self] == "health")
            #expect(try alerts[0]["severity", as: String.self] == "critical")
            #expect(try alerts[0]["state", as: String.self] == "open")
            #expect(try alerts[0]["message", as: String.self].contains("tiktok_api down"))
            #expect(capture.received.count == 1)

            try pipeline.control("DELETE", "/_sim/faults")
            for _ in 0..<2 { try probe(pipeline) }
            #expect(try latest(pipeline, "overall")["status", as: String.self] == "healthy")
            let resolved = try pipeline.query("SELECT state, resolved_at FROM alerts")
            #expect(resolved.count == 1)
            #expect(try resolved[0]["state", as: String.self] == "resolved")
            #expect(try resolved[0]["resolved_at", as: Date?.self] != nil)
        }
        await capture.stop()
        let texts = try capture.received.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String])["text"] ?? "" }
        #expect(texts.count == 2)
        #expect(texts.first?.hasPrefix("🔴 CreatorFlow health critical") == true)
        #expect(texts.last?.hasPrefix("✅ CreatorFlow health recovered") == true)
    }

    @Test func unreachablePostgresAlertsOnceThroughRedisAndItsReturnResolvesOnce() async throws {
        let capture = try await WebhookCapture.start()
        let settings = FulfilmentSettings(carrierProviders: Self.carriers, alertWebhookURL: capture.url)
        try await PipelineFixture.with(settings: settings) { pipeline in
            let deadPort = try freePort()
            let url = pipeline.redis.url
            let queueSettings = pipeline.worker.queue
            let cutOff = FulfilmentServices(
                settings: settings, worker: pipeline.worker, integrations: IntegrationEnvironment([:]),
                makePostgres: { try PostgresConnection(url: "postgres://postgres@127.0.0.1:\(deadPort)/creatorflow") },
                makeQueue: { RedisJobQueue(connection: try RedisConnection(url: url), settings: queueSettings, processId: "test") })
            let handler = HealthProbeHandler(services: cutOff)
            for attempt in 1...3 {
                let context = JobContext(
                    id: "probe-\(attempt)", kind: HealthProbeJob.kind, queue: "critical", attempt: 1, correlation: nil,
                    deadline: Date().timeIntervalSince1970 + 30, cancellation: CancellationFlag(), logger: Logger(label: "test"))
                let error = #expect(throws: PostgresError.self) { try handler.handle(HealthProbeJob(), context: context) }
                #expect(error?.kind == .connection)
            }
            #expect(capture.received.count == 1, "three probes, one outage, one notification")
            #expect(try pipeline.count("SELECT count(*) FROM alerts") == 0, "nothing could be written while it was down")

            try probe(pipeline)
            try probe(pipeline)
            let alerts = try pipeline.query("SELECT severity, state FROM alerts WHERE key = 'postgres'")
            #expect(alerts.count == 1)
            #expect(try alerts.first?["severity", as: String.self] == "critical")
            #expect(try alerts.first?["state", as: String.self] == "resolved")
        }
        await capture.stop()
        let texts = try capture.received.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String])["text"] ?? "" }
        #expect(texts.count == 2)
        #expect(texts.first?.hasPrefix("🔴 CreatorFlow PostgreSQL unreachable") == true)
        #expect(texts.last?.hasPrefix("✅ CreatorFlow PostgreSQL reachable again") == true)
    }

    @Test func openBreakersMarkTikTokAndTheCarrierDownWithoutCallingTikTok() async throws {
        try await PipelineFixture.with(settings: FulfilmentSettings(carrierProviders: Self.carriers)) { pipeline in
            let redis = try pipeline.redis.connection()
            let time = try redis.command(["TIME"]).strings.compactMap(Int64.init)
            let until = String(time[0] * 1000 + time[1] / 1000 + 60_000)
            for upstream in ["tiktok", "easypost:UPS"] {
                try redis.command(["SET", pipeline.redis.keys.upstream(of: upstream).open(upstream), until])
            }
            try probe(pipeline)
            #expect(try latest(pipeline, "tiktok_api")["status", as: String.self] == "down")
            #expect(try latest(pipeline, "tiktok_api")["reason", as: String?.self] == "circuit breaker open")
            #expect(try latest(pipeline, "carrier.ups")["status", as: String.self] == "down")
            #expect(try latest(pipeline, "carrier.usps")["status", as: String.self] == "healthy")
            let calls = try pipeline.control("GET", "/_sim/requests")["counts"]?["GET /logistics/202309/warehouses"]?.int
            #expect(calls == nil)
            #expect(try pipeline.count("SELECT count(*) FROM alerts WHERE state = 'open' AND severity = 'critical'") == 1)
        }
    }

    @Test func deadLetterGrowthIsMeasuredSinceThePreviousProbe() async throws {
        try await PipelineFixture.with(settings: FulfilmentSettings(carrierProviders: Self.carriers)) { pipeline in
            try probe(pipeline)
            try pipeline.enqueue(FailJob(permanent: true, message: "boom"), queue: "default")
            try pipeline.runWorkers { try pipeline.deadLetters().count == 1 }
            try probe(pipeline)
            let grown = try latest(pipeline, "queues")
            #expect(try grown["status", as: String.self] == "degraded")
            #expect(try grown["dead_growth", as: Int?.self] == 1)
            #expect(try grown["reason", as: String?.self] == "1 new dead letters")
            try probe(pipeline)
            let steady = try latest(pipeline, "queues")
            #expect(try steady["status", as: String.self] == "healthy")
            #expect(try steady["dead_growth", as: Int?.self] == 0)
            #expect(try pipeline.count("SELECT count(*) FROM alerts") == 0)
        }
    }

    /// Runs one health probe to completion.
    private func probe(_ pipeline: PipelineFixture) throws {
        let before = try pipeline.count("SELECT count(*) FROM health_checks WHERE subsystem = 'overall'")
        try pipeline.enqueue(HealthProbeJob())
        let done = try pipeline.runWorkers(timeout: 30) {
            try pipeline.count("SELECT count(*) FROM health_checks WHERE subsystem = 'overall'") > before
        }
        try #require(done, "the health probe did not finish")
    }

    /// The latest row of `subsystem` with the measurements tests look at.
    private func latest(_ pipeline: PipelineFixture, _ subsystem: String) throws -> PostgresRow {
        let rows = try pipeline.query(
            """
            SELECT status, score, details->>'reason' AS reason, details->>'shop_id' AS shop,
                   (details->>'latency_ms')::float8 AS latency_ms, (details->>'dead_growth')::bigint AS dead_growth
            FROM health_checks WHERE subsystem = $1 ORDER BY checked_at DESC, id DESC LIMIT 1
            """, [.string(subsystem)])
        return try #require(rows.first, "no \(subsystem) row")
    }
}
