import Foundation
import Jobs
import Logging
import Queue
import Receiver
import Redis
import Store
import Testing
import TestSupport
import Worker

/// The classify step as far as intake is concerned: mark the event processed, count the effect
/// once per event however often the job runs.
struct MarkProcessedHandler: JobHandler {
    let database: TestDatabase
    let effects: EffectLog
    func handle(_ payload: ClassifyJob, context: JobContext) throws {
        if try WebhookEventStore(connection: try database.connect()).markProcessed(id: payload.eventId) {
            effects.add(payload.eventId)
        }
    }
}

final class EffectLog: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [Int64] = []
    func add(_ id: Int64) { lock.lock(); ids.append(id); lock.unlock() }
    var all: [Int64] { lock.lock(); defer { lock.unlock() }; return ids }
}

/// Every 2xx-acknowledged webhook is processed even when Redis is down at intake or flushed
/// afterwards: the real `creatorflow web`, a private Redis, the outbox relay and a worker.
@Suite(.serialized) struct DurableIntakeTests {
    let signature = WebhookSignature(appKey: "intake-key", appSecret: "intake-secret")

    func body(_ n: Int) -> String {
        #"{"type":1,"tts_notification_id":"n-\#(n)-\#(UUID().uuidString)","shop_id":"7494726673780148744","timestamp":1664095733,"data":{"order_id":"5766840196\#(n)","order_status":"AWAITING_SHIPMENT","update_time":\#(1_664_095_610 + n)}}"#
    }

    func deliver(_ body: String, port: Int) throws -> Int {
        let (_, output) = try run(
            "/usr/bin/curl",
            ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-H", "Content-Type: application/json",
             "-H", "Authorization: \(signature.signature(for: Data(body.utf8)))", "--data-binary", body,
             "http://127.0.0.1:\(port)/webhooks/tiktok"])
        return Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    func startWeb(redis: PrivateRedis, database: TestDatabase, prefix: String) throws -> (Child, Int) {
        let port = try freePort()
        let web = try Child(["web", "--port", "\(port)"], environment: [
            "REDIS_URL": "\(redis.url)", "DATABASE_URL": database.url, "CF_DATABASE_SCHEMA": database.schema,
            "CF_REDIS_PREFIX": prefix, "TIKTOK_APP_KEY": "intake-key", "TIKTOK_APP_SECRET": "intake-secret",
        ])
        let up = try eventually(timeout: 20) {
            try run("/usr/bin/curl", ["-sf", "http://127.0.0.1:\(port)/healthz"]).0 == 0
        }
        guard up else { throw TestEnvironmentError("creatorflow web did not come up: \(web.output)") }
        return (web, port)
    }

    func drain(redis: PrivateRedis, database: TestDatabase, prefix: String, effects: EffectLog, expected: Int) throws -> Bool {
        var registry = JobRegistry()
        registry.register(MarkProcessedHandler(database: database, effects: effects))
        let settings = QueueSettings(keys: Keys(prefix: prefix))
        var logger = Logger(label: "test.worker")
        logger.logLevel = .critical
        let url = redis.url
        let worker = WorkerProcess(
            config: WorkerConfig(queue: settings, order: .strict(["default"]), concurrency: 4, idleWaitSeconds: 0.2),
            registry: registry, logger: logger
        ) { RedisJobQueue(connection: try RedisConnection(url: url), settings: settings, processId: $0) }
        let done = DispatchSemaphore(value: 0)
        Thread { try? worker.runUntilDrained(); done.signal() }.start()
        let processed = eventually(timeout: 20) { effects.all.count >= expected }
        Thread.sleep(forTimeInterval: 0.5)
        worker.stop()
        _ = done.wait(timeout: .now() + 30)
        return processed
    }

    func relay(redis: PrivateRedis, database: TestDatabase, prefix: String, at now: Date) throws -> Int {
        let relay = OutboxRelay(settings: RelaySettings(graceSeconds: 60), logger: Logger(label: "test.relay"))
        let queue = RedisJobQueue(
            connection: try RedisConnection(url: redis.url), settings: QueueSettings(keys: Keys(prefix: prefix)),
            processId: "relay-\(UUID().uuidString)")
        return try relay.relayOnce(postgres: try database.connect(), queue: queue, now: now)
    }

    @Test func redisDownAtIntakeThenRelayedWhenItIsBack() throws {
        try TestDatabase.withSchema { database in
            _ = try database.migrated()
            let redis = try PrivateRedis(instance: "intake")
            defer { try? redis.stop() }
            let prefix = "intake-\(UUID().uuidString.prefix(6))"
            let (web, port) = try startWeb(redis: redis, database: database, prefix: prefix)
            defer { web.signal(SIGTERM); _ = web.wait(timeout: 10) }
            try redis.stop()
            let statuses = try (0..<5).map { try deliver(body($0), port: port) }
            #expect(statuses == [200, 200, 200, 200, 200], "web output: \(web.output)")
            let store = WebhookEventStore(connection: try database.connect())
            #expect(try store.unprocessed(olderThan: Date().addingTimeInterval(60), limit: 100).count == 5)

            let back = try PrivateRedis(instance: "intake")
            let jobs = Keys(prefix: prefix).queue("default").jobs
            #expect(try RedisConnection(url: back.url).command(["LLEN", jobs]).integer == 0)
            #expect(
                try relay(redis: back, database: database, prefix: prefix, at: Date()) == 5,
                "the receiver marked their enqueue failed: no grace period")
            #expect(try relay(redis: back, database: database, prefix: prefix, at: Date()) == 0, "relayed once")
            let relayed = try RedisConnection(url: back.url).command(["LRANGE", jobs, "0", "-1"]).strings
            let classify = try relayed.map { try JobEnvelope.decodeArgs(ClassifyJob.self, from: $0) }
            #expect(classify.count == 5)
            #expect(classify.allSatisfy { $0.orderStatus == "AWAITING_SHIPMENT" }, "the same job the receiver builds: \(classify)")
            let effects = EffectLog()
            #expect(try drain(redis: back, database: database, prefix: prefix, effects: effects, expected: 5))
            #expect(effects.all.count == 5)
            #expect(try store.unprocessed(olderThan: Date().addingTimeInterval(600), limit: 100).isEmpty)
        }
    }

    @Test func webhooksAcknowledgedDuringARedisOutageAreEnqueuedWithinTenSecondsOfItsReturn() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let redis = try PrivateRedis(instance: "intake")
            defer { try? redis.stop() }
            let prefix = "outage-\(UUID().uuidString.prefix(6))"
            let (web, port) = try startWeb(redis: redis, database: database, prefix: prefix)
            defer { web.signal(SIGTERM); _ = web.wait(timeout: 10) }
            try redis.stop()
            let statuses = try (0..<20).map { try deliver(body($0), port: port) }
            #expect(statuses == Array(repeating: 200, count: 20), "web output: \(web.output)")

            let back = try PrivateRedis(instance: "intake")
            let returned = Date()
            let worker = try Child(["worker"], environment: [
                "REDIS_URL": "\(back.url)", "DATABASE_URL": database.url, "CF_DATABASE_SCHEMA": database.schema,
                "CF_REDIS_PREFIX": prefix,
            ])
            defer { worker.stop() }
            func enqueued() throws -> Int {
                try connection.query("SELECT count(*) AS n FROM webhook_events WHERE last_enqueued_at IS NOT NULL")
                    .first?["n", as: Int.self] ?? 0
            }
            #expect(try eventually(timeout: 10, interval: 0.2) { try enqueued() == 20 }, "worker output: \(worker.output)")
            #expect(Date().timeIntervalSince(returned) <= 10.5)
        }
    }

    @Test func redisFlushedAfterEnqueueStillProcessedExactlyOnce() throws {
        try TestDatabase.withSchema { database in
            _ = try database.migrated()
            let redis = try PrivateRedis(instance: "intake")
            defer { try? redis.stop() }
            let prefix = "flush-\(UUID().uuidString.prefix(6))"
            let (web, port) = try startWeb(redis: redis, database: database, prefix: prefix)
            defer { web.signal(SIGTERM); _ = web.wait(timeout: 10) }
            let statuses = try (0..<6).map { try deliver(body($0), port: port) }
            #expect(statuses.allSatisfy { $0 == 200 })
            let jobs = Keys(prefix: prefix).queue("default").jobs
            let admin = try RedisConnection(url: redis.url)
            #expect(try admin.command(["LLEN", jobs]).integer == 6)
            try admin.command(["FLUSHALL"])
            #expect(try relay(redis: redis, database: database, prefix: prefix, at: Date().addingTimeInterval(61)) == 6)
            #expect(try relay(redis: redis, database: database, prefix: prefix, at: Date().addingTimeInterval(62)) == 0)
            // Still unprocessed a grace period later: enqueued again, so every job now has a twin.
            #expect(try relay(redis: redis, database: database, prefix: prefix, at: Date().addingTimeInterval(200)) == 6)
            #expect(try admin.command(["LLEN", jobs]).integer == 12)
            let effects = EffectLog()
            #expect(try drain(redis: redis, database: database, prefix: prefix, effects: effects, expected: 6))
            #expect(effects.all.count == 6)
            #expect(Set(effects.all).count == 6, "a duplicate job had a second effect")
            #expect(try admin.command(["LLEN", jobs]).integer == 0)
            #expect(try relay(redis: redis, database: database, prefix: prefix, at: Date().addingTimeInterval(3600)) == 0)
        }
    }
}
