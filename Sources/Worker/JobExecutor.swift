// Runs one claimed job through its handler and turns the result into a settlement. The envelope's
// header is decoded once here and the arguments once by the handler's runner; the whole envelope
// (arguments as `JSONValue`) only when a failure has to be rescheduled or buried.
// Never throws: a bad job becomes a retry or a dead letter, and the worker keeps going.

import Foundation
import Logging
import Queue
import Store

/// Executes attempts; shared by every slot thread.
struct JobExecutor: Sendable {
    let registry: JobRegistry
    let config: WorkerConfig
    let processId: String
    let logger: Logger
    let clock: @Sendable () -> Double
    let random: @Sendable (Int) -> Int

    /// Runs `job` and returns how to settle it. `cancellation` lets the watchdog stop it early.
    /// `onDeadline` learns the attempt's time limit as soon as the kind is known.
    func run(
        _ job: ClaimedJob, cancellation: CancellationFlag, started: Double, onDeadline: (Double) -> Void = { _ in }
    ) -> FinishedAttempt {
        let envelope: JobEnvelopeHeader
        do {
            envelope = try JobEnvelopeHeader.decode(job.raw)
        } catch {
            return garbage(job, error: error)
        }
        let policy = config.policy(for: envelope.kind)
        onDeadline(started + policy.timeoutSeconds)
        var log = logger
        log[metadataKey: "job_id"] = "\(envelope.id)"
        log[metadataKey: "kind"] = "\(envelope.kind)"
        log[metadataKey: "attempt"] = "\(envelope.attempt)"
        log[metadataKey: "queue"] = "\(envelope.queue)"
        if let correlation = envelope.correlation { log[metadataKey: "correlation"] = "\(correlation)" }

        let failure = attempt(envelope, raw: job.raw, policy: policy, cancellation: cancellation, started: started, logger: log)
        let finished = clock()
        let elapsedMs = (finished - started) * 1000
        var durationMs: String { String(format: "%.2f", elapsedMs) }
        func record(_ outcome: JobRun.Outcome, _ error: String?) -> JobRun {
            JobRun(
                jobId: envelope.id, attempt: envelope.attempt, kind: envelope.kind, queue: envelope.queue,
                outcome: outcome, durationMs: elapsedMs, error: error, process: processId,
                finishedAt: Date(timeIntervalSince1970: finished), correlation: envelope.correlation)
        }
        guard let failure else {
            log.debug("job done", metadata: ["outcome": "success", "duration_ms": "\(durationMs)"])
            return FinishedAttempt(settled: SettledJob(job: job, kind: envelope.kind, settlement: .ack), run: record(.success, nil))
        }
        let full: JobEnvelope
        do {
            full = try JobEnvelope.decode(job.raw)
        } catch {
            return garbage(job, error: error)
        }
        let decision = FailureDecision.decide(
            envelope: full, raw: job.raw, failure: failure, policy: policy.retry, now: finished,
            process: processId, random: random)
        switch decision {
        case .retry(let next, let runAt):
            log.warning("job failed, will retry", metadata: [
                "outcome": "retry", "duration_ms": "\(durationMs)", "error": "\(failure)",
                "retry_in_s": "\(String(format: "%.1f", runAt - finished))",
            ])
            let raw = (try? next.encoded()) ?? job.raw
            return FinishedAttempt(
                settled: SettledJob(job: job, kind: envelope.kind, settlement: .retry(raw: raw, runAt: runAt)),
                run: record(.retry, failure.description))
        case .bury(let letter):
            log.error("job dead", metadata: ["outcome": "dead", "duration_ms": "\(durationMs)", "error": "\(letter.error)"])
            return FinishedAttempt(
                settled: SettledJob(job: job, kind: envelope.kind, settlement: .bury(letter)),
                run: record(.dead, letter.error))
        }
    }

    /// Buries a job whose envelope does not decode.
    private func garbage(_ job: ClaimedJob, error: any Error) -> FinishedAttempt {
        let letter = FailureDecision.garbage(
            raw: job.raw, queue: job.queue, error: "\(error)", now: clock(), id: JobEnvelope.newID())
        logger.error("undecodable job buried", metadata: ["queue": "\(job.queue)", "dead_id": "\(letter.id)"])
        return FinishedAttempt(
            settled: SettledJob(job: job, kind: letter.kind, settlement: .bury(letter)),
            run: JobRun(
                jobId: letter.id, attempt: 1, kind: letter.kind, queue: job.queue, outcome: .dead, durationMs: 0,
                error: letter.error, process: processId, finishedAt: Date(timeIntervalSince1970: clock())))
    }

    private func attempt(
        _ envelope: JobEnvelopeHeader, raw: String, policy: KindPolicy, cancellation: CancellationFlag, started: Double,
        logger: Logger
    ) -> JobFailure? {
        if envelope.version > JobEnvelope.currentVersion { return .newerSchema(envelope.version) }
        guard let runner = registry.runner(for: envelope.kind) else { return .unknownKind(envelope.kind) }
        let context = JobContext(
            id: envelope.id, kind: envelope.kind, queue: envelope.queue, attempt: envelope.attempt,
            correlation: envelope.correlation, deadline: started + policy.timeoutSeconds, cancellation: cancellation,
            logger: logger)
        let failure: JobFailure
        do {
            try runner(raw, context)
            return nil
        } catch {
            failure = JobFailure(error)
        }
        // A retryable failure past the time limit (the watchdog's cancellation among them) is the
        // limit's doing; a slow success stays a success and a permanent failure stays permanent.
        if failure.disposition.isRetryable && clock() - started > policy.timeoutSeconds {
            return .timedOut(limitSeconds: policy.timeoutSeconds)
        }
        return failure
    }
}
