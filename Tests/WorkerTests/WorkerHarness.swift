import Foundation
import Jobs
import Logging
import Queue
import Redis
import Store
import TestSupport
import Worker

/// Records what test handlers saw, from any thread.
final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.lock(); items.append(item); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}

struct RecordJob: JobPayload {
    static let kind = "record"
    var label: String
}

struct RecordHandler: JobHandler {
    let recorder: Recorder
    func handle(_ payload: RecordJob, context: JobContext) throws { recorder.add(payload.label) }
}

/// Records when it starts and finishes, sleeping in between.
struct SlowRecordHandler: JobHandler {
    let recorder: Recorder
    let seconds: Double
    func handle(_ payload: RecordJob, context: JobContext) throws {
        recorder.add("started \(payload.label)")
        Thread.sleep(forTimeInterval: seconds)
        recorder.add("finished \(payload.label)")
    }
}

/// A worker process a test runs on a thread of its own and stops with a drain.
protocol ThreadedWorker: AnyObject, Sendable {
    var process: WorkerProcess { get }
    /// Signalled when the process has drained.
    var done: DispatchSemaphore { get }
}

extension ThreadedWorker {
    func start() {
        let process = self.process
        let done = self.done
        Thread {
            try? process.runUntilDrained()
            done.signal()
        }.start()
    }

    /// Stops the worker and waits for its drain; returns whether it exited in time.
    @discardableResult
    func stop(timeout: Double = 30) -> Bool {
        process.stop()
        return done.wait(timeout: .now() + timeout) == .success
    }
}

/// A worker process running in this test process against the real Redis.
final class WorkerHarness: ThreadedWorker, @unchecked Sendable {
    let redis: TestRedis
    let process: WorkerProcess
    let config: WorkerConfig
    let done = DispatchSemaphore(value: 0)

    init(
        redis: TestRedis, registry: JobRegistry, pid: String = "w1", database: TestDatabase? = nil,
        _ adjust: (inout WorkerConfig) -> Void = { _ in }
    ) {
        self.redis = redis
        var config = WorkerConfig(queue: QueueSettings(keys: redis.keys), order: .strict(["default"]), concurrency: 2)
        config.promoteIntervalSeconds = 0.05
        config.idleWaitSeconds = 0.2
        adjust(&config)
        self.config = config
        let url = redis.url
        let settings = config.queue
        var logger = Logger(label: "test.worker")
        logger.logLevel = .critical
        var recorder: (@Sendable () throws -> any RunRecorder)?
        if let database {
            recorder = { PostgresRecorder(connection: try database.connect()) }
        }
        process = WorkerProcess(config: config, registry: registry, processId: pid, logger: logger, makeRecorder: recorder) { pid in
            RedisJobQueue(connection: try RedisConnection(url: url), settings: settings, processId: pid)
        }
    }

    func enqueue<P: JobPayload>(_ payload: P, queue: String = "default", maxAttempts: Int = 25) throws -> EncodedJob {
        let session = try redis.session(pid: "client")
        let now = Date().timeIntervalSince1970
        let job = try payload.newJob(queue: queue, maxAttempts: maxAttempts, now: now).encoded()
        try session.enqueue([job])
        return job
    }

    func snapshot() throws -> FleetSnapshot { try redis.admin().snapshot(now: Date().timeIntervalSince1970) }

    func dead(queue: String = "default") throws -> [DeadLetter] { try redis.admin().deadLetters(queue: queue) }
}
