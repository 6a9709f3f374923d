// The hand-off points between a worker process's threads: claimed jobs waiting for a slot,
// jobs running, and settled attempts waiting to be acknowledged.

import Dispatch
import Foundation
import Queue

/// A job a slot is running.
struct RunningJob: Sendable {
    var job: ClaimedJob
    var started: Double
    var deadline: Double
    var cancellation: CancellationFlag
    /// Set when shutdown pushed the job back: its late result is dropped.
    var abandoned = false
}

/// Shared, lock-protected state of one worker process. Semaphores wake the waiting thread.
final class WorkerState: Sendable {
    private struct State {
        var buffer: [ClaimedJob] = []
        var bufferHead = 0
        var running: [Int: RunningJob] = [:]
        var results: [FinishedAttempt] = []
        /// The batch the acker is settling right now (kept as is: hashing it on the hot path
        /// would cost more than the rare orphan check that reads it).
        var acking: [FinishedAttempt] = []
        var stopping = false
        var quiet = false
    }

    private let state = Locked(State())
    let jobReady = DispatchSemaphore(value: 0)
    let resultReady = DispatchSemaphore(value: 0)
    let spaceFreed = DispatchSemaphore(value: 0)

    var isStopping: Bool { state.withLock { $0.stopping } }
    var isQuiet: Bool { state.withLock { $0.quiet } }

    func setQuiet(_ quiet: Bool) { state.withLock { $0.quiet = quiet } }

    /// Marks the process as stopping; returns false if it already was.
    func beginStopping() -> Bool {
        state.withLock { s in
            if s.stopping { return false }
            s.stopping = true
            return true
        }
    }

    /// Jobs buffered or running.
    var outstanding: Int { state.withLock { ($0.buffer.count - $0.bufferHead) + $0.running.count } }
    var runningCount: Int { state.withLock { $0.running.count } }
    var pendingResults: Int { state.withLock { $0.results.count } }

    func push(_ jobs: [ClaimedJob]) {
        state.withLock { $0.buffer.append(contentsOf: jobs) }
        for _ in jobs { jobReady.signal() }
    }

    /// Takes the next buffered job for `slot` and records it as running.
    func take(slot: Int, now: Double) -> RunningJob? {
        state.withLock { s in
            guard s.bufferHead < s.buffer.count, !s.stopping else { return nil }
            let job = s.buffer[s.bufferHead]
            s.bufferHead += 1
            if s.bufferHead > 256, s.bufferHead * 2 > s.buffer.count {
                s.buffer.removeFirst(s.bufferHead)
                s.bufferHead = 0
            }
            let running = RunningJob(job: job, started: now, deadline: .infinity, cancellation: CancellationFlag())
            s.running[slot] = running
            return running
        }
    }

    /// Sets the time limit of the job running in `slot`, once its kind is known.
    func setDeadline(slot: Int, deadline: Double) {
        state.withLock { $0.running[slot]?.deadline = deadline }
    }

    /// Records a finished attempt unless shutdown already pushed it back.
    func finish(slot: Int, result: FinishedAttempt) {
        let keep = state.withLock { s -> Bool in
            let abandoned = s.running[slot]?.abandoned ?? false
            s.running[slot] = nil
            if !abandoned { s.results.append(result) }
            return !abandoned
        }
        if keep { resultReady.signal() }
        spaceFreed.signal()
    }

    /// Adds settlements that did not come from a slot (requeues at shutdown).
    func addResults(_ results: [FinishedAttempt]) {
        if results.isEmpty { return }
        state.withLock { $0.results.append(contentsOf: results) }
        resultReady.signal()
    }

    /// Removes up to `max` settled attempts for acknowledgement (tracked until `ackFinished`).
    func drainResults(max: Int) -> [FinishedAttempt] {
        state.withLock { s in
            let batch = Array(s.results.prefix(max))
            s.results.removeFirst(batch.count)
            s.acking = batch
            return batch
        }
    }

    /// The acker's batch is settled.
    func ackFinished() { state.withLock { $0.acking = [] } }

    /// Puts a batch back at the front after a failed acknowledgement.
    func restoreResults(_ batch: [FinishedAttempt]) {
        state.withLock { s in
            s.results.insert(contentsOf: batch, at: 0)
            s.acking = []
        }
    }

    /// Removes every buffered job that has not started.
    func drainBuffer() -> [ClaimedJob] {
        state.withLock { s in
            let rest = Array(s.buffer[s.bufferHead...])
            s.buffer.removeAll()
            s.bufferHead = 0
            return rest
        }
    }

    /// Marks every running job abandoned and returns them (shutdown deadline passed).
    func abandonRunning() -> [RunningJob] {
        state.withLock { s in
            var abandoned: [RunningJob] = []
            for (slot, var job) in s.running {
                job.abandoned = true
                job.cancellation.cancel()
                s.running[slot] = job
                abandoned.append(job)
            }
            return abandoned
        }
    }

    /// Cancels running jobs past their deadline; returns how many.
    func cancelOverdue(now: Double) -> Int {
        state.withLock { s in
            var count = 0
            for job in s.running.values where now > job.deadline && !job.cancellation.isCancelled {
                job.cancellation.cancel()
                count += 1
            }
            return count
        }
    }

    /// Every claimed job this process still knows: buffered, running or awaiting its ack.
    func knownRaws() -> Set<String> {
        state.withLock { s in
            var raws = Set(s.buffer[s.bufferHead...].map(\.raw))
            for job in s.running.values { raws.insert(job.job.raw) }
            for result in s.results { raws.insert(result.settled.job.raw) }
            for result in s.acking { raws.insert(result.settled.job.raw) }
            return raws
        }
    }

    /// What the slots run now, for the process's heartbeat info.
    func runningSummary() -> [RunningJob] { state.withLock { Array($0.running.values) } }
}
