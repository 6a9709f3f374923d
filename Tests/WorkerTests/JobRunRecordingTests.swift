import Foundation
import Jobs
import Queue
import Store
import Testing
import TestSupport
import Worker

@Suite struct JobRunRecordingTests {
    @Test func everyOutcomeIsRecordedInPostgresBeforeTheAck() throws {
        try TestDatabase.withSchema { database in
            _ = try database.migrated()
            let worker = WorkerHarness(redis: try TestRedis(), registry: .diagnostics, database: database) {
                $0.policies["fail"] = KindPolicy(retry: RetryPolicy(maxAttempts: 2, exponent: 0, baseSeconds: 0, jitter: 0), timeoutSeconds: 5)
            }
            worker.start()
            var ids: [String] = []
            for _ in 0..<20 { ids.append(try worker.enqueue(NoopJob()).id) }
            let failing = try worker.enqueue(FailJob(permanent: false, message: "flaky upstream"), maxAttempts: 2)
            #expect(try eventually(timeout: 15) { try worker.snapshot().processed == 20 && worker.dead().count == 1 })
            #expect(worker.stop())
            let db = try database.connect()
            let counts = try db.query("SELECT outcome, count(*) AS n FROM job_runs GROUP BY outcome ORDER BY outcome")
            let byOutcome = Dictionary(uniqueKeysWithValues: try counts.map { (try $0["outcome", as: String.self], try $0["n", as: Int.self]) })
            #expect(byOutcome == ["success": 20, "retry": 1, "dead": 1])
            let runs = try JobRunStore(connection: db).runs(forJob: failing.id)
            #expect(runs.map(\.attempt) == [1, 2])
            #expect(runs.map(\.outcome) == [.retry, .dead])
            #expect(runs.allSatisfy { $0.error?.contains("flaky upstream") == true && $0.process == "w1" })
            let one = try JobRunStore(connection: db).runs(forJob: ids[0])
            #expect(one.count == 1 && one[0].kind == "noop" && one[0].queue == "default")
        }
    }

    @Test func postgresDownHoldsTheAckUntilItIsBack() throws {
        let server = try PrivatePostgres(instance: "worker-pg-outage")
        defer { try? server.stop() }
        let database = TestDatabase(url: server.url, schema: "public")
        _ = try database.migrated()
        let redis = try TestRedis()
        let worker = WorkerHarness(redis: redis, registry: .diagnostics, database: database)
        worker.start()
        try server.stop()
        let job = try worker.enqueue(NoopJob())
        Thread.sleep(forTimeInterval: 1)
        let queue = try worker.snapshot().queues.first { $0.name == "default" }
        #expect(queue?.inFlight == 1, "the job stays in flight, unacknowledged, while its run cannot be recorded")
        #expect(try worker.snapshot().processed == 0)
        try server.start()
        #expect(try eventually(timeout: 20) { try worker.snapshot().processed == 1 })
        #expect(worker.stop())
        #expect(try JobRunStore(connection: try database.connect()).runs(forJob: job.id).map(\.outcome) == [.success])
    }
}

@Suite struct DeadLetterArchiveTests {
    @Test func lettersDroppedByTheCapAreArchivedInPostgres() throws {
        try TestDatabase.withSchema { database in
            _ = try database.migrated()
            let redis = try TestRedis()
            let worker = WorkerHarness(redis: redis, registry: .diagnostics, database: database) { $0.queue.deadMaxCount = 3 }
            worker.start()
            var ids: [String] = []
            for i in 0..<8 { ids.append(try worker.enqueue(FailJob(permanent: true, message: "bad \(i)")).id) }
            #expect(try eventually(timeout: 15) { try worker.snapshot().dead == 8 })
            let archived = { try DeadLetterArchiveStore(connection: try database.connect()).count() }
            #expect(try eventually(timeout: 10) { try archived() == 5 })
            #expect(worker.stop())
            let kept = Set(try worker.dead().map(\.id))
            let db = try database.connect()
            let inArchive = Set(try db.query("SELECT id FROM dead_letter_archive").map { try $0["id", as: String.self] })
            #expect(kept.count == 3)
            #expect(kept.union(inArchive) == Set(ids), "a dead letter was lost")
            #expect(kept.isDisjoint(with: inArchive))
            let row = try db.query("SELECT kind, error, jsonb_array_length(history) AS n FROM dead_letter_archive LIMIT 1")[0]
            #expect(try row["kind", as: String.self] == "fail")
            #expect(try row["n", as: Int.self] == 1)
            #expect(try redis.connection().command(["HLEN", redis.keys.queue("default").deadOverflow]).integer == 0)
        }
    }
}
