// A worker process: one fetcher, N slot threads, one acker and one maintenance thread, each
// blocking thread with its own Redis connection and none on Swift's cooperative pool.
//
// fetcher     claims batches in queue order (non-blocking), or waits ≤ 2 s on one queue when all are empty
// slots       run handlers; a slot stays busy until its handler returns
// acker       settles finished attempts in batches (ack / retry / dead / requeue), fenced by lease
// maintenance heartbeats, cancels overdue jobs, reaps dead processes, promotes due jobs
// Shutdown: stop fetching, requeue unstarted jobs, let running ones finish until the deadline,
// push the rest back to the head of their queues, flush acks, exit.

import Dispatch
import Foundation
import Logging
import Queue
import Store

/// Runs jobs until `stop()`; `runUntilDrained()` returns after a clean drain.
public final class WorkerProcess: Sendable {
    public let processId: String
    private let config: WorkerConfig
    private let makeSession: @Sendable () throws -> any QueueSession
    private let makeRecorder: (@Sendable () throws -> any RunRecorder)?
    private let executor: JobExecutor
    private let logger: Logger
    private let clock: @Sendable () -> Double
    private let state = WorkerState()
    private let finished = DispatchSemaphore(value: 0)
    private let fetcherDone = DispatchSemaphore(value: 0)
    private let ackerDone = DispatchSemaphore(value: 0)
    private let maintenanceDone = DispatchSemaphore(value: 0)
    private let startedAt: Double

    /// `makeSession` opens one queue session per thread (each thread owns its connection): a
    /// `RedisJobQueue` in production, any `QueueSession` in tests;
    /// `makeRecorder`, when given, opens the acker's PostgreSQL recorder of job runs.
    public init(
        config: WorkerConfig, registry: JobRegistry, processId: String = WorkerProcess.makeProcessId(),
        logger: Logger, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
        random: @escaping @Sendable (Int) -> Int = { Int.random(in: 0..<max($0, 1)) },
        makeRecorder: (@Sendable () throws -> any RunRecorder)? = nil,
        makeSession: @escaping @Sendable (_ processId: String) throws -> any QueueSession
    ) {
        self.processId = processId
        self.config = config
        self.logger = logger
        self.clock = clock
        self.startedAt = clock()
        self.makeSession = { try makeSession(processId) }
        self.makeRecorder = makeRecorder
        self.executor = JobExecutor(
            registry: registry, config: config, processId: processId, logger: logger, clock: clock, random: random)
    }

    /// A process id unique across hosts and restarts: host:pid:random.
    public static func makeProcessId() -> String {
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "host"
        return "\(host):\(getpid()):\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
    }

    /// Starts every thread and blocks until the process has drained after `stop()`.
    public func runUntilDrained() throws {
        let first = try makeSession()
        try first.heartbeat(queues: config.order.queues, info: info())
        logger.info("worker started", metadata: [
            "process": "\(processId)", "queues": "\(config.order.queues.joined(separator: ","))",
            "concurrency": "\(config.concurrency)",
        ])
        spawn("maintenance") { self.maintenanceLoop() }
        for slot in 0..<config.concurrency { spawn("slot-\(slot)") { self.slotLoop(slot) } }
        spawn("acker") { self.ackerLoop() }
        spawn("fetcher") { self.fetcherLoop() }
        finished.wait()
    }

    /// Stops fetching at once and drains (SIGTERM / SIGINT). Safe to call more than once.
    public func stop() {
        guard state.beginStopping() else { return }
        logger.info("worker stopping", metadata: ["process": "\(processId)", "running": "\(state.runningCount)"])
        spawn("shutdown") { self.shutdown() }
    }

    /// Stops or resumes fetching while staying alive (SIGTSTP / SIGCONT).
    public func setQuiet(_ quiet: Bool) {
        guard state.isQuiet != quiet else { return }
        state.setQuiet(quiet)
        logger.info(quiet ? "worker quiet: no new jobs" : "worker resumed", metadata: ["process": "\(processId)"])
    }

    private func spawn(_ name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.name = name
        thread.stackSize = 1 << 20
        thread.start()
    }

    // MARK: fetcher

    private func fetcherLoop() {
        defer { fetcherDone.signal() }
        var session: (any QueueSession)?
        var backoff = 0.1
        let capacity = config.concurrency + config.prefetch
        let batchFloor = max(1, config.concurrency / 2)
        while !state.isStopping {
            if state.isQuiet {
                Thread.sleep(forTimeInterval: 0.2)
                continue
            }
            let free = capacity - state.outstanding
            if state.pendingResults > capacity * 20 {
                _ = state.spaceFreed.wait(timeout: .now() + .milliseconds(100))
                continue
            }
            if free < batchFloor && state.outstanding > 0 {
                _ = state.spaceFreed.wait(timeout: .now() + .milliseconds(100))
                continue
            }
            do {
                if session == nil { session = try makeSession() }
                var claimed: [ClaimedJob] = []
                for queue in config.order.next(random: executor.random) where claimed.count < free {
                    claimed += try session!.claim(from: queue, max: free - claimed.count)
                }
                if claimed.isEmpty {
                    // Woken as soon as jobs land on any queue; the next round claims them in order.
                    _ = try session!.waitForWork(timeout: config.idleWaitSeconds)
                    backoff = 0.1
                    continue
                }
                if state.isQuiet {
                    state.addResults(claimed.map(FinishedAttempt.requeue))
                } else {
                    state.push(claimed)
                }
                backoff = 0.1
            } catch let lost as LeaseLost {
                logger.warning("lease lost; renewing", metadata: ["queue": "\(lost.queue)"])
                _ = try? session?.heartbeat(queues: config.order.queues, info: info())
            } catch {
                logger.error("fetch failed", metadata: ["error": "\(error)", "retry_in_s": "\(backoff)"])
                session = nil
                Thread.sleep(forTimeInterval: backoff)
                backoff = min(backoff * 2, 5)
            }
        }
    }

    // MARK: slots

    private func slotLoop(_ slot: Int) {
        while true {
            state.jobReady.wait()
            guard let running = state.take(slot: slot, now: clock()) else {
                if state.isStopping { return }
                continue
            }
            let result = executor.run(running.job, cancellation: running.cancellation, started: running.started) {
                self.state.setDeadline(slot: slot, deadline: $0)
            }
            state.finish(slot: slot, result: result)
        }
    }

    // MARK: acker

    private func ackerLoop() {
        defer { ackerDone.signal() }
        var session: (any QueueSession)?
        var recorder: (any RunRecorder)?
        var backoff = 0.1
        var durations: [String: [String: JobDurationHistogram]] = [:]
        var nextPublish = clock() + 1
        // Durations go to Redis at most once a second (and whenever the acker is idle), so the
        // histograms cost a round trip per second, not per batch.
        func publishDurations() {
            guard !durations.isEmpty, let session else { return }
            do {
                try session.publishDurations(durations)
                durations = [:]
                nextPublish = clock() + 1
            } catch {
                logger.warning("job durations not published yet", metadata: ["error": "\(error)"])
            }
        }
        while true {
            let stopping = state.isStopping
            _ = state.resultReady.wait(timeout: .now() + .milliseconds(stopping ? 20 : 200))
            if !stopping { gatherResults() }
            let batch = state.drainResults(max: 1000)
            if batch.isEmpty {
                publishDurations()
                if stopping && state.runningCount == 0 && shutdownFlushed.isSet { return }
                continue
            }
            do {
                if let makeRecorder {
                    if recorder == nil { recorder = try makeRecorder() }
                    let runs = batch.compactMap(\.run)
                    if !runs.isEmpty { try recorder!.record(runs) }
                }
                if session == nil { session = try makeSession() }
                let fenced = try session!.settle(batch.map(\.settled), now: clock())
                state.ackFinished()
                for job in fenced {
                    logger.warning("late acknowledgement fenced: the job was reclaimed", metadata: ["queue": "\(job.queue)"])
                }
                if let recorder {
                    do {
                        try archiveOverflow(batch, redis: session!, recorder: recorder)
                    } catch {
                        logger.error("dead letters over the cap not archived yet; they stay in Redis", metadata: ["error": "\(error)"])
                    }
                }
                for run in batch.compactMap(\.run) {
                    durations[run.queue, default: [:]][run.kind, default: JobDurationHistogram()].record(seconds: run.durationMs / 1000)
                }
                if clock() >= nextPublish { publishDurations() }
                backoff = 0.1
            } catch {
                logger.error("acknowledgement failed; will retry", metadata: ["error": "\(error)", "jobs": "\(batch.count)"])
                state.restoreResults(batch)
                session = nil
                recorder = nil
                Thread.sleep(forTimeInterval: backoff)
                backoff = min(backoff * 2, 5)
            }
        }
    }

    /// Waits up to `ackWindowSeconds` for more attempts to finish while jobs are running, so one
    /// batch (one job-run INSERT and its commit, one settlement script) carries several attempts.
    /// Nothing waits on an acknowledgement: a slot is free as soon as its handler returns.
    private func gatherResults() {
        guard config.ackWindowSeconds > 0 else { return }
        let deadline = DispatchTime.now() + config.ackWindowSeconds
        while !state.isStopping, state.runningCount > 0, state.pendingResults < config.concurrency,
            state.resultReady.wait(timeout: deadline) == .success
        {}
    }

    /// Moves dead letters the caps dropped from Redis into PostgreSQL (only after batches that buried).
    private func archiveOverflow(_ batch: [FinishedAttempt], redis: any QueueSession, recorder: any RunRecorder) throws {
        var queues = Set<String>()
        for attempt in batch {
            if case .bury = attempt.settled.settlement { queues.insert(attempt.settled.job.queue) }
        }
        for queue in queues {
            let letters = try redis.deadOverflow(queue: queue, limit: 500)
            if letters.isEmpty { continue }
            try recorder.archive(letters)
            try redis.forgetOverflow(queue: queue, ids: letters.map(\.id))
        }
    }

    // MARK: maintenance

    private func maintenanceLoop() {
        defer { maintenanceDone.signal() }
        var session: (any QueueSession)?
        var nextHeartbeat = clock() + config.heartbeatSeconds
        var nextReap = clock() + Double.random(in: 0...config.reapIntervalSeconds)
        var nextPromote = clock()
        var suspects = Set<String>()
        while !state.isStopping {
            Thread.sleep(forTimeInterval: 0.05)
            let now = clock()
            let overdue = state.cancelOverdue(now: now)
            if overdue > 0 { logger.warning("jobs past their time limit cancelled", metadata: ["count": "\(overdue)"]) }
            do {
                if session == nil { session = try makeSession() }
                if now >= nextHeartbeat {
                    nextHeartbeat = now + config.heartbeatSeconds
                    if try session!.heartbeat(queues: config.order.queues, info: info()) {
                        logger.error("lease lapsed: in-flight jobs may have been reaped; their acks will be fenced")
                    }
                }
                if now >= nextPromote {
                    nextPromote = now + config.promoteIntervalSeconds
                    _ = try session!.promoteDue(queues: lockedQueues(session!, role: "promote", seconds: config.promoteIntervalSeconds * 0.9), now: now)
                }
                if now >= nextReap {
                    nextReap = now + config.reapIntervalSeconds
                    let reaped = try session!.reapExpired(now: now)
                    if reaped > 0 { logger.warning("recovered jobs of dead processes", metadata: ["jobs": "\(reaped)"]) }
                    suspects = try adoptOrphans(session!, suspects: suspects)
                }
            } catch {
                logger.error("maintenance failed", metadata: ["error": "\(error)"])
                session = nil
                Thread.sleep(forTimeInterval: 1)
            }
        }
    }

    /// Requeues in-flight entries of this live process that it no longer knows (a claim whose
    /// reply was lost with the connection). An entry must look orphaned on two passes a reaper
    /// interval apart, so a batch that is being claimed right now is never mistaken for one.
    private func adoptOrphans(_ redis: any QueueSession, suspects: Set<String>) throws -> Set<String> {
        var unknown = Set<String>()
        var orphans: [ClaimedJob] = []
        let known = state.knownRaws()
        for queue in config.order.queues {
            for raw in try redis.ownInFlight(queue: queue) where !known.contains(raw) {
                let key = queue + "\u{0}" + raw
                if suspects.contains(key) { orphans.append(ClaimedJob(queue: queue, raw: raw)) } else { unknown.insert(key) }
            }
        }
        if !orphans.isEmpty {
            let recheck = state.knownRaws()
            let adopt = orphans.filter { !recheck.contains($0.raw) }
            try redis.settle(adopt.map { SettledJob(job: $0, kind: "", settlement: .requeue) }, now: clock())
            logger.warning("requeued in-flight jobs this process had lost track of", metadata: ["jobs": "\(adopt.count)"])
        }
        return unknown
    }

    private func lockedQueues(_ session: any QueueSession, role: String, seconds: Double) throws -> [String] {
        try session.allQueues().filter { try session.tryLock(role, queue: $0, seconds: seconds) }
    }

    // MARK: shutdown

    private let shutdownFlushed = OnceFlag()

    private func shutdown() {
        _ = fetcherDone.wait(timeout: .now() + .seconds(Int(config.idleWaitSeconds.rounded(.up)) + 3))
        let unstarted = state.drainBuffer()
        state.addResults(unstarted.map(FinishedAttempt.requeue))
        let deadline = clock() + config.shutdownDeadlineSeconds
        while state.runningCount > 0 && clock() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        let abandoned = state.abandonRunning()
        if !abandoned.isEmpty {
            logger.warning("shutdown deadline passed: pushing running jobs back", metadata: ["jobs": "\(abandoned.count)"])
            state.addResults(abandoned.map { FinishedAttempt.requeue($0.job) })
        }
        for _ in 0..<config.concurrency { state.jobReady.signal() }
        shutdownFlushed.set()
        state.resultReady.signal()
        _ = ackerDone.wait(timeout: .now() + .seconds(10))
        let unacknowledged = state.pendingResults
        if unacknowledged > 0 {
            logger.error("jobs finished but could not be acknowledged; they stay in flight and the reaper returns them", metadata: ["jobs": "\(unacknowledged)"])
        }
        _ = maintenanceDone.wait(timeout: .now() + .seconds(2))
        if let session = try? makeSession() { try? session.deregister(queues: config.order.queues) }
        logger.info("worker stopped", metadata: ["process": "\(processId)", "requeued": "\(unstarted.count + abandoned.count)"])
        finished.signal()
    }

    private func info() -> String {
        let running = state.runningSummary().map { job -> WorkerInfo.Running in
            let envelope = try? JobEnvelope.decode(job.job.raw)
            return WorkerInfo.Running(id: envelope?.id ?? "?", kind: envelope?.kind ?? "?", since: job.started)
        }
        let info = WorkerInfo(
            process: processId, host: ProcessInfo.processInfo.hostName, pid: Int(getpid()), queues: config.order.queues,
            concurrency: config.concurrency, startedAt: startedAt, heartbeatAt: clock(), busy: running.count,
            quiet: state.isQuiet, running: running, postgresRoundTrips: PostgresRoundTrips.total)
        return (try? info.encoded()) ?? "{}"
    }
}

/// A flag set once, read from any thread.
final class OnceFlag: Sendable {
    private let value = Locked(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
