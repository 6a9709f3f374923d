import Foundation
import Jobs
import Queue
import Store
import Testing
import TestSupport

/// The Procfile's processes under foreman with three workers: one is SIGKILLed mid-run, the
/// supervisor restarts it, and every job's effect is recorded exactly once.
@Suite struct ProcfileFleetTests {
    @Test func threeWorkersTenThousandJobsOneKilled() throws {
        try TestDatabase.withSchema { database in
            _ = try database.migrated()
            let redis = try TestRedis()
            let client = try redis.session(pid: "client")
            let jobs = try (0..<10_000).map { _ in
                try SleepJob(ms: 10).newJob(maxAttempts: 25, now: Date().timeIntervalSince1970).encoded()
            }
            try client.enqueue(jobs)

            let foreman = try Child(path: "/usr/bin/foreman", [
                "start", "-f", repositoryRoot.appendingPathComponent("Procfile").path, "-d", repositoryRoot.path,
                "-m", "web=0,worker=3,scheduler=0", "-t", "35",
            ], environment: [
                "REDIS_URL": "\(redis.url)", "CF_REDIS_PREFIX": redis.keys.prefix, "DATABASE_URL": database.url,
                "CF_DATABASE_SCHEMA": database.schema, "CREATORFLOW_BIN": ".build/debug/creatorflow",
                "CF_WORKER_LEASE_S": "2", "CF_WORKER_HEARTBEAT_S": "0.5", "CF_WORKER_REAP_INTERVAL_S": "1",
            ])
            #expect(try eventually(timeout: 60) { try redis.admin().workers().count == 3 }, "\(foreman.output)")
            #expect(try eventually(timeout: 60) { try redis.admin().snapshot(now: Date().timeIntervalSince1970).processed >= 2_000 })
            let victim = try #require(try redis.admin().workers().first { $0.busy > 0 })
            kill(pid_t(victim.pid), SIGKILL)

            let done = try eventually(timeout: 180, interval: 0.2) {
                let queue = try redis.admin().snapshot(now: Date().timeIntervalSince1970).queues.first { $0.name == "default" }
                return queue?.size == 0 && queue?.inFlight == 0
            }
            #expect(done)
            #expect(try eventually(timeout: 30) { try redis.admin().workers().filter { $0.pid != victim.pid }.count == 3 }, "the killed worker was not restarted")
            let pids = try redis.admin().workers().map { pid_t($0.pid) }
            foreman.signal(SIGTERM)
            #expect(foreman.wait(timeout: 60) != nil)
            #expect(pids.allSatisfy { kill($0, 0) != 0 }, "a worker outlived foreman's stop")
            #expect(try redis.admin().workers().isEmpty, "workers did not deregister on a clean stop")

            let db = try database.connect()
            let successes = try db.query("SELECT count(*) AS n, count(DISTINCT job_id) AS ids FROM job_runs WHERE outcome = 'success'")[0]
            #expect(try successes["n", as: Int.self] == 10_000)
            #expect(try successes["ids", as: Int.self] == 10_000)
            let recorded = Set(try db.query("SELECT job_id FROM job_runs WHERE outcome = 'success'").map { try $0["job_id", as: String.self] })
            #expect(recorded == Set(jobs.map(\.id)), "a job was lost")
            let snapshot = try redis.admin().snapshot(now: Date().timeIntervalSince1970)
            #expect(snapshot.dead == 0)
            #expect(snapshot.queues.allSatisfy { $0.inFlight == 0 && $0.size == 0 })
        }
    }
}
