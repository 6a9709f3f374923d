// The worker loop on an in-memory queue (no Redis): fetch, run, settle, retry, bury, time limits
// and the drain on stop. The Redis-backed behaviour is covered by WorkerProcessTests. The tests are
// async and never block a cooperative thread (they share a process with async lifecycle tests).

import Foundation
import Jobs
import Logging
import Queue
import Testing
import TestSupport
import Worker

/// A worker process in this test process on an `InMemoryQueue`.
final class InMemoryWorker: ThreadedWorker, @unchecked Sendable {
    let queue = InMemoryQueue()
    let process: WorkerProcess
    let done = DispatchSemaphore(value: 0)

    init(registry: JobRegistry, _ adjust: (inout WorkerConfig) -> Void = { _ in }) {
        var config = WorkerConfig(order: .strict(["default"]), concurrency: 2)
        config.promoteIntervalSeconds = 0.05
        config.idleWaitSeconds = 0.2
        adjust(&config)
        var logger = Logger(label: "test.worker-loop")
        logger.logLevel = .critical
        let queue = self.queue
        process = WorkerProcess(config: config, registry: registry, processId: "mem", logger: logger) { pid in
            queue.session(processId: pid)
        }
    }

    /// Stops the worker and waits for its drain on a thread of its own.
    func drain() async throws -> Bool { try await onDedicatedThread(name: "drain") { self.stop() } }

    @discardableResult
    func enqueue<P: JobPayload>(_ payload: P, maxAttempts: Int = 25) throws -> EncodedJob {
        let now = Date().timeIntervalSince1970
        let job = try payload.newJob(queue: "default", maxAttempts: maxAttempts, now: now).encoded()
        queue.enqueue([job])
        return job
    }
}

@Suite struct WorkerLoopTests {
    @Test func runsJobsAndAcknowledgesThem() async throws {
        let recorder = Recorder()
        var registry = JobRegistry.diagnostics
        registry.register(RecordHandler(recorder: recorder))
        let worker = InMemoryWorker(registry: registry)
        worker.start()
        for i in 0..<50 { try worker.enqueue(RecordJob(label: "job\(i)")) }
        #expect(await eventuallyAsync(timeout: 10) { worker.queue.counter("processed") == 50 })
        #expect(try await worker.drain())
        #expect(Set(recorder.all) == Set((0..<50).map { "job\($0)" }))
        #expect(worker.queue.counter("processed:record") == 50)
        #expect(worker.queue.size() == 0)
        #expect(worker.queue.inFlight() == 0)
        #expect(worker.queue.workerIds.isEmpty, "deregistered on stop")
        #expect(worker.queue.durations["default"]?["record"]?.count == 50)
    }

    @Test func retryableFailureIsRetriedThenDead() async throws {
        let worker = InMemoryWorker(registry: .diagnostics) { $0.policies["fail"] = immediate }
        worker.start()
        let job = try worker.enqueue(FailJob(permanent: false, message: "upstream 503"), maxAttempts: 3)
        #expect(await eventuallyAsync(timeout: 10) { worker.queue.deadLetters().count == 1 })
        #expect(try await worker.drain())
        let letter = try #require(worker.queue.deadLetters().first)
        #expect(letter.id == job.id)
        #expect(letter.attempts == 3)
        #expect(letter.history.map(\.attempt) == [1, 2, 3])
        #expect(letter.error.contains("attempts exhausted (3/3): upstream 503"))
        #expect(worker.queue.counter("retried") == 2)
        #expect(worker.queue.counter("failed") == 3)
        #expect(worker.queue.counter("dead") == 1)
        #expect(worker.queue.waitingCount() == 0)
    }

    @Test func permanentFailureIsDeadAtOnce() async throws {
        let worker = InMemoryWorker(registry: .diagnostics)
        worker.start()
        let job = try worker.enqueue(FailJob(permanent: true, message: "no such address"))
        #expect(await eventuallyAsync(timeout: 10) { worker.queue.deadLetters().count == 1 })
        #expect(try await worker.drain())
        let letter = try #require(worker.queue.deadLetters().first)
        #expect(letter.id == job.id)
        #expect(letter.error == "no such address")
        #expect(letter.attempts == 1)
        #expect(worker.queue.counter("retried") == 0)
    }

    @Test func jobOverItsTimeLimitIsCancelled() async throws {
        let once = RetryPolicy(maxAttempts: 1, exponent: 0, baseSeconds: 0, jitter: 0)
        let worker = InMemoryWorker(registry: .diagnostics) {
            $0.policies["sleep"] = KindPolicy(retry: once, timeoutSeconds: 0.2)
        }
        worker.start()
        try worker.enqueue(SleepJob(ms: 20_000), maxAttempts: 1)
        // Dead with the time-limit error and never processed: the sleep was cancelled, not waited
        // out (a finished sleep would count as processed). No wall-clock bound: this process shares
        // its two cooperative threads with blocking suites.
        #expect(await eventuallyAsync(timeout: 60) { worker.queue.deadLetters().count == 1 })
        #expect(try await worker.drain())
        let letter = try #require(worker.queue.deadLetters().first)
        #expect(letter.error.contains("timed out after 0.2s"))
        #expect(worker.queue.counter("processed") == 0)
    }

    @Test func stopLetsARunningJobFinish() async throws {
        let recorder = Recorder()
        let gate = DispatchSemaphore(value: 0)
        var registry = JobRegistry.diagnostics
        registry.register(GatedRecordHandler(recorder: recorder, gate: gate))
        let worker = InMemoryWorker(registry: registry)
        worker.start()
        try worker.enqueue(RecordJob(label: "held"))
        #expect(await eventuallyAsync(timeout: 10) { recorder.all == ["started held"] })
        worker.process.stop()
        gate.signal()
        #expect(try await worker.drain())
        #expect(recorder.all == ["started held", "finished held"])
        #expect(worker.queue.counter("processed") == 1)
        #expect(worker.queue.size() == 0)
        #expect(worker.queue.inFlight() == 0)
    }
}

/// Records when it starts, then holds its slot until the test opens `gate` (at most 60 s).
struct GatedRecordHandler: JobHandler {
    let recorder: Recorder
    let gate: DispatchSemaphore
    func handle(_ payload: RecordJob, context: JobContext) throws {
        recorder.add("started \(payload.label)")
        _ = gate.wait(timeout: .now() + 60)
        recorder.add("finished \(payload.label)")
    }
}
