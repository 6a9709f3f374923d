// The worker and the housekeeper as swift-service-lifecycle Services: a ServiceGroup's graceful
// shutdown drains the worker (a running job finishes, nothing is left in flight) and stops the
// housekeeper, and the group's run returns.

import Foundation
import Jobs
import Logging
import Queue
import Redis
import ServiceLifecycle
import Store
import Testing
import TestSupport
import Worker

@Suite struct WorkerServiceTests {
    /// Async throughout: a blocking wait here would hold one of the few cooperative threads the
    /// group's tasks need.
    @Test func gracefulShutdownDrainsTheWorkerAndStopsTheHousekeeper() async throws {
        let url = try TestDatabase.databaseURL()
        let database = TestDatabase(url: url, schema: "t_" + UUID().uuidString.prefix(12).lowercased())
        let admin = try PostgresConnection(url: url)
        try admin.execute("CREATE SCHEMA \(PostgresIdentifier.quoted(database.schema))")
        defer { _ = try? admin.execute("DROP SCHEMA \(PostgresIdentifier.quoted(database.schema)) CASCADE") }
        _ = try database.migrated()

        let recorder = Recorder()
        var registry = JobRegistry()
        registry.register(SlowRecordHandler(recorder: recorder, seconds: 0.5))
        let redis = try TestRedis()
        let worker = WorkerHarness(redis: redis, registry: registry) { $0.shutdownDeadlineSeconds = 5 }
        var logger = Logger(label: "test.lifecycle")
        logger.logLevel = .critical
        let settings = worker.config.queue
        let redisURL = redis.url
        let housekeeper = Housekeeper(
            relay: OutboxRelay(settings: RelaySettings(intervalSeconds: 0.1), logger: logger), retention: RetentionPolicy(),
            logger: logger, makePostgres: { try database.connect() },
            makeQueue: { RedisJobQueue(connection: try RedisConnection(url: redisURL), settings: settings, processId: "hk") })
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: housekeeper), .init(service: worker.process)], logger: logger))
        async let running: Void = group.run()

        _ = try worker.enqueue(RecordJob(label: "slow"))
        #expect(await eventuallyAsync(timeout: 10) { recorder.all == ["started slow"] })
        await group.triggerGracefulShutdown()
        try await running

        #expect(recorder.all == ["started slow", "finished slow"])
        let queue = try worker.snapshot().queues.first { $0.name == "default" }
        #expect(queue?.inFlight == 0)
        #expect(queue?.size == 0)
    }
}
