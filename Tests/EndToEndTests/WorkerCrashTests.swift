import Foundation
import Jobs
import Queue
import Testing
import TestSupport

/// Worker processes run as the real binary: crash recovery and signal handling.
@Suite struct WorkerCrashTests {
    let lease = 2.0
    let reapInterval = 1.0

    func environment(_ redis: TestRedis) -> [String: String] {
        [
            "REDIS_URL": "\(redis.url)", "CF_REDIS_PREFIX": redis.keys.prefix, "DATABASE_URL": "", "CF_WORKER_LEASE_S": "\(lease)",
            "CF_WORKER_HEARTBEAT_S": "0.3", "CF_WORKER_REAP_INTERVAL_S": "\(reapInterval)", "CF_WORKER_IDLE_WAIT_S": "0.5",
            "LOG_LEVEL": "debug",
        ]
    }

    func inFlight(_ redis: TestRedis, pid: String? = nil) throws -> Int {
        try redis.admin().snapshot(now: Date().timeIntervalSince1970).queues.first { $0.name == "default" }?.inFlight ?? 0
    }

    @Test func sigkilledWorkersJobIsRecoveredByAnotherProcess() throws {
        let redis = try TestRedis()
        let env = environment(redis)
        let first = try Child(["worker", "--queues", "default", "--concurrency", "1"], environment: env)
        let job = try SleepJob(ms: 1500).newJob(maxAttempts: 25, now: Date().timeIntervalSince1970).encoded()
        try redis.session(pid: "client").enqueue([job])
        #expect(try eventually(timeout: 15) { try inFlight(redis) == 1 }, "the first worker never claimed the job: \(first.output)")
        first.signal(SIGKILL)
        #expect(first.wait(timeout: 5) != nil)
        let killedAt = Date()
        let second = try Child(["worker", "--queues", "default", "--concurrency", "1"], environment: env)
        let recovered = eventually(timeout: 20) { second.output.contains("job_id=\(job.id)") && second.output.contains("outcome=success") }
        #expect(recovered, "second worker output: \(second.output)")
        let recoveredAfter = Date().timeIntervalSince(killedAt)
        // lease + one reaper interval, plus the 1.5 s job and process start-up.
        #expect(recoveredAfter < lease + reapInterval + 1.5 + 2.0, "took \(recoveredAfter)s")
        #expect(second.output.contains("recovered jobs of dead processes"))
        #expect(try eventually(timeout: 10) { try redis.admin().snapshot(now: Date().timeIntervalSince1970).processed == 1 })
        #expect(try redis.admin().snapshot(now: Date().timeIntervalSince1970).dead == 0)
        #expect(try inFlight(redis) == 0)
        second.signal(SIGTERM)
        #expect(second.wait(timeout: 10) == 0)
    }

    @Test func sigtermExitsZeroAndReturnsTheUnfinishedJob() throws {
        let redis = try TestRedis()
        var env = environment(redis)
        env["CF_WORKER_SHUTDOWN_DEADLINE_S"] = "0.5"
        let worker = try Child(["worker", "--queues", "default", "--concurrency", "1"], environment: env)
        let job = try SleepJob(ms: 60_000).newJob(maxAttempts: 25, now: Date().timeIntervalSince1970).encoded()
        try redis.session(pid: "client").enqueue([job])
        #expect(try eventually(timeout: 15) { try inFlight(redis) == 1 })
        worker.signal(SIGTERM)
        #expect(worker.wait(timeout: 10) == 0, "output: \(worker.output)")
        let jobs = try redis.connection().command(["LRANGE", redis.keys.queue("default").jobs, "0", "-1"]).strings
        #expect(jobs.count == 1)
        #expect(try JobEnvelope.decode(jobs[0]).id == job.id)
        #expect(try inFlight(redis) == 0)
    }

    @Test func sigtstpMakesTheWorkerQuietButAlive() throws {
        let redis = try TestRedis()
        let worker = try Child(["worker", "--queues", "default"], environment: environment(redis))
        #expect(eventually(timeout: 15) { worker.output.contains("worker started") })
        worker.signal(SIGTSTP)
        #expect(eventually(timeout: 5) { worker.output.contains("worker quiet") })
        let job = try NoopJob().newJob(maxAttempts: 1, now: Date().timeIntervalSince1970).encoded()
        try redis.session(pid: "client").enqueue([job])
        Thread.sleep(forTimeInterval: 1)
        #expect(worker.isRunning)
        #expect(try redis.admin().snapshot(now: Date().timeIntervalSince1970).processed == 0)
        worker.signal(SIGTERM)
        #expect(worker.wait(timeout: 10) == 0)
    }
}
