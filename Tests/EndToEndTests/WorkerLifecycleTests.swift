// The worker binary's ServiceGroup with a database: SIGTERM drains the running job to its end, the
// housekeeper (relay and retention, only with DATABASE_URL) stops after it, and the process exits 0.

import Foundation
import Jobs
import Queue
import Testing
import TestSupport

@Suite struct WorkerLifecycleTests {
    @Test func sigtermDrainsTheJobAndStopsTheHousekeeper() throws {
        try TestDatabase.withSchema { database in
            _ = try database.migrated()
            let redis = try TestRedis()
            let environment: [String: String] = [
                "REDIS_URL": "\(redis.url)", "CF_REDIS_PREFIX": redis.keys.prefix, "DATABASE_URL": database.url,
                "CF_DATABASE_SCHEMA": database.schema, "CF_WORKER_SHUTDOWN_DEADLINE_S": "15", "LOG_LEVEL": "debug",
            ]
            let worker = try Child(["worker", "--queues", "default", "--concurrency", "1"], environment: environment)
            let job = try SleepJob(ms: 1500).newJob(maxAttempts: 25, now: Date().timeIntervalSince1970).encoded()
            try redis.session(pid: "client").enqueue([job])
            let snapshot = { try redis.admin().snapshot(now: Date().timeIntervalSince1970) }
            #expect(
                try eventually(timeout: 15) { try snapshot().queues.first { $0.name == "default" }?.inFlight == 1 },
                "the worker never claimed the job: \(worker.output)")
            worker.signal(SIGTERM)
            #expect(worker.wait(timeout: 30) == 0, "output: \(worker.output)")
            #expect(try snapshot().processed == 1, "the running job finished before the exit")
            #expect(try snapshot().queues.first { $0.name == "default" }?.inFlight == 0)
            #expect(worker.output.contains("job_id=\(job.id)") && worker.output.contains("outcome=success"))
        }
    }
}
