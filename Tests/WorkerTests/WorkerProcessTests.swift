import Domain
import Foundation
import Jobs
import Queue
import Testing
import TestSupport
import Worker

/// Retries without waiting: zero backoff.
let immediate = KindPolicy(retry: RetryPolicy(maxAttempts: 3, exponent: 0, baseSeconds: 0, jitter: 0), timeoutSeconds: 5)

@Suite struct WorkerProcessTests {
    @Test func runsJobsAndAcknowledgesThem() throws {
        let recorder = Recorder()
        var registry = JobRegistry.diagnostics
        registry.register(RecordHandler(recorder: recorder))
        let worker = WorkerHarness(redis: try TestRedis(), registry: registry)
        worker.start()
        for i in 0..<50 { _ = try worker.enqueue(RecordJob(label: "job\(i)")) }
        #expect(try eventually(timeout: 10) { try worker.snapshot().processed == 50 })
        #expect(worker.stop())
        #expect(Set(recorder.all) == Set((0..<50).map { "job\($0)" }))
        let queue = try worker.snapshot().queues.first { $0.name == "default" }
        #expect(queue?.size == 0)
        #expect(queue?.inFlight == 0)
    }

    @Test func permanentFailureGoesStraightToTheDeadLetters() throws {
        let worker = WorkerHarness(redis: try TestRedis(), registry: .diagnostics)
        worker.start()
        let job = try worker.enqueue(FailJob(permanent: true, message: "no such address"))
        #expect(try eventually(timeout: 10) { try worker.dead().count == 1 })
        #expect(worker.stop())
        let letter = try #require(try worker.dead().first)
        #expect(letter.id == job.id)
        #expect(letter.kind == "fail")
        #expect(letter.error == "no such address")
        #expect(letter.attempts == 1)
        #expect(try worker.snapshot().retried == 0)
    }

    @Test func retryableFailureIsRetriedUntilAttemptsRunOut() throws {
        let worker = WorkerHarness(redis: try TestRedis(), registry: .diagnostics) { $0.policies["fail"] = immediate }
        worker.start()
        let job = try worker.enqueue(FailJob(permanent: false, message: "upstream 503"), maxAttempts: 3)
        #expect(try eventually(timeout: 10) { try worker.dead().count == 1 })
        #expect(worker.stop())
        let letter = try #require(try worker.dead().first)
        #expect(letter.id == job.id)
        #expect(letter.attempts == 3)
        #expect(letter.history.map(\.attempt) == [1, 2, 3])
        #expect(letter.error.contains("attempts exhausted (3/3): upstream 503"))
        let snapshot = try worker.snapshot()
        #expect(snapshot.retried == 2)
        #expect(snapshot.failed == 3)
        #expect(snapshot.dead == 1)
    }

    @Test func garbagePayloadIsBuriedAndTheWorkerKeepsGoing() throws {
        let recorder = Recorder()
        var registry = JobRegistry.diagnostics
        registry.register(RecordHandler(recorder: recorder))
        let redis = try TestRedis()
        let worker = WorkerHarness(redis: redis, registry: registry)
        try redis.connection().command(["LPUSH", redis.keys.queue("default").jobs, "{not json at all"])
        try redis.connection().command(["SADD", redis.keys.queues, "default"])
        _ = try worker.enqueue(RecordJob(label: "after"))
        worker.start()
        #expect(try eventually(timeout: 10) { try recorder.all == ["after"] && worker.dead().count == 1 })
        #expect(worker.stop())
        let letter = try #require(try worker.dead().first)
        #expect(letter.payload == "{not json at all")
        #expect(letter.error.hasPrefix("undecodable payload"))
    }

    @Test func invalidArgumentsAreAPermanentFailure() throws {
        let worker = WorkerHarness(redis: try TestRedis(), registry: .diagnostics)
        worker.start()
        let job = NewJob(
            kind: "sleep", queue: "default", args: JSONValue.object(["ms": .string("soon")]), maxAttempts: 25,
            now: Date().timeIntervalSince1970)
        try worker.redis.session(pid: "client").enqueue([job.encoded()])
        #expect(try eventually(timeout: 10) { try worker.dead().count == 1 })
        #expect(worker.stop())
        #expect(try worker.dead().first?.error.contains("invalid arguments for sleep") == true)
    }

    @Test func unknownKindIsRetriedThenDead() throws {
        let worker = WorkerHarness(redis: try TestRedis(), registry: .diagnostics) { $0.defaultPolicy = immediate }
        worker.start()
        let job = NewJob(
            kind: "from-the-future", queue: "default", args: JSONValue.object([:]), maxAttempts: 3,
            now: Date().timeIntervalSince1970)
        try worker.redis.session(pid: "client").enqueue([job.encoded()])
        #expect(try eventually(timeout: 10) { try worker.dead().count == 1 })
        #expect(worker.stop())
        let letter = try #require(try worker.dead().first)
        #expect(letter.attempts == 3)
        #expect(letter.error.contains("unknown job kind 'from-the-future'"))
        #expect(try worker.snapshot().retried == 2)
    }

    @Test func newerSchemaIsRetriedNotBuried() throws {
        let worker = WorkerHarness(redis: try TestRedis(), registry: .diagnostics)
        worker.start()
        var envelope = JobEnvelope(kind: "noop", queue: "default", args: .object([:]), maxAttempts: 25, now: Date().timeIntervalSince1970)
        envelope.version = JobEnvelope.currentVersion + 1
        let raw = try envelope.encoded()
        try worker.redis.session(pid: "client").enqueue([EncodedJob(id: envelope.id, queue: "default", raw: raw)])
        #expect(try eventually(timeout: 10) { try worker.snapshot().retried == 1 })
        #expect(worker.stop())
        #expect(try worker.dead().isEmpty)
        #expect(try worker.snapshot().queues.first { $0.name == "default" }?.retries == 1)
    }

    @Test func jobOverItsTimeLimitIsCancelledAndRetried() throws {
        let worker = WorkerHarness(redis: try TestRedis(), registry: .diagnostics) {
            $0.policies["sleep"] = KindPolicy(retry: RetryPolicy(maxAttempts: 5, exponent: 0, baseSeconds: 3600, jitter: 0), timeoutSeconds: 0.2)
        }
        worker.start()
        let started = Date()
        _ = try worker.enqueue(SleepJob(ms: 20_000))
        #expect(try eventually(timeout: 10) { try worker.snapshot().retried == 1 })
        #expect(Date().timeIntervalSince(started) < 5, "cancellation should stop the sleeper long before 20 s")
        #expect(worker.stop())
        let retry = try worker.redis.connection().command(["ZRANGE", worker.redis.keys.queue("default").retry, "0", "-1"]).strings
        #expect(retry.count == 1)
        #expect(try JobEnvelope.decode(retry[0]).lastError == "timed out after 0.2s")
    }

    @Test func strictPriorityServesTheHigherQueueFirst() throws {
        let recorder = Recorder()
        var registry = JobRegistry()
        registry.register(RecordHandler(recorder: recorder))
        let worker = WorkerHarness(redis: try TestRedis(), registry: registry) {
            $0.order = .strict(["critical", "default", "low"])
            $0.concurrency = 1
            $0.prefetch = 0
        }
        for i in 0..<5 { _ = try worker.enqueue(RecordJob(label: "low\(i)"), queue: "low") }
        for i in 0..<5 { _ = try worker.enqueue(RecordJob(label: "crit\(i)"), queue: "critical") }
        worker.start()
        #expect(eventually(timeout: 10) { recorder.all.count == 10 })
        #expect(worker.stop())
        #expect(recorder.all.prefix(5).allSatisfy { $0.hasPrefix("crit") })
    }

    @Test func sigtermDrainLetsASlowJobFinish() throws {
        let recorder = Recorder()
        var registry = JobRegistry()
        registry.register(SlowRecordHandler(recorder: recorder, seconds: 0.5))
        let worker = WorkerHarness(redis: try TestRedis(), registry: registry) { $0.shutdownDeadlineSeconds = 5 }
        worker.start()
        _ = try worker.enqueue(RecordJob(label: "slow"))
        #expect(eventually(timeout: 10) { recorder.all == ["started slow"] })
        #expect(worker.stop(timeout: 10))
        #expect(recorder.all == ["started slow", "finished slow"])
        let snapshot = try worker.snapshot()
        #expect(snapshot.processed == 1)
        #expect(snapshot.queues.first { $0.name == "default" }?.inFlight == 0)
        #expect(snapshot.queues.first { $0.name == "default" }?.size == 0)
    }

    @Test func sigtermDrainPushesATooSlowJobBackToTheHead() throws {
        let redis = try TestRedis()
        let worker = WorkerHarness(redis: redis, registry: .diagnostics) {
            $0.shutdownDeadlineSeconds = 0.3
            $0.concurrency = 1
            $0.prefetch = 0
        }
        worker.start()
        let slow = try worker.enqueue(SleepJob(ms: 30_000))
        #expect(try eventually(timeout: 5) { try worker.snapshot().queues.first { $0.name == "default" }?.inFlight == 1 })
        let waiting = try worker.enqueue(NoopJob())
        let began = Date()
        #expect(worker.stop(timeout: 10))
        #expect(Date().timeIntervalSince(began) < 5)
        let jobs = try redis.connection().command(["LRANGE", redis.keys.queue("default").jobs, "0", "-1"]).strings
        let ids = try jobs.map { try JobEnvelope.decode($0).id }
        #expect(ids == [waiting.id, slow.id])
        let snapshot = try worker.snapshot()
        #expect(snapshot.processed == 0)
        #expect(snapshot.queues.first { $0.name == "default" }?.inFlight == 0)
    }
}

@Suite struct OrphanAdoptionTests {
    @Test func jobLeftInTheLiveProcessesInFlightListIsRequeuedAndRun() throws {
        let recorder = Recorder()
        var registry = JobRegistry()
        registry.register(RecordHandler(recorder: recorder))
        let redis = try TestRedis()
        let worker = WorkerHarness(redis: redis, registry: registry, pid: "adopter") { $0.reapIntervalSeconds = 0.2 }
        worker.start()
        // A claim whose reply was lost: the job sits in this live process's in-flight list.
        let job = try RecordJob(label: "lost-reply").newJob(maxAttempts: 3, now: Date().timeIntervalSince1970).encoded()
        try redis.connection().command(["LPUSH", redis.keys.queue("default").inflight("adopter"), job.raw])
        #expect(eventually(timeout: 10) { recorder.all == ["lost-reply"] })
        #expect(worker.stop())
        #expect(try worker.snapshot().processed == 1)
        #expect(try worker.snapshot().queues.first { $0.name == "default" }?.inFlight == 0)
    }
}
