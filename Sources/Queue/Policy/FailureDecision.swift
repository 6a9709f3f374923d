// The pure decision taken when an attempt fails: retry when, or bury. No I/O, no clock.

/// What to do with a job whose attempt failed.
public enum FailureDecision: Sendable, Equatable {
    /// Run again at `runAt` (Unix seconds) with the updated envelope.
    case retry(JobEnvelope, runAt: Double)
    /// Send to the dead letters.
    case bury(DeadLetter)

    /// Decides between retry and dead letter for `envelope` after `failure` at `now`.
    public static func decide(
        envelope: JobEnvelope, raw: String, failure: JobFailure, policy: RetryPolicy, now: Double,
        process: String?, random: (Int) -> Int
    ) -> FailureDecision {
        var next = envelope
        let message = failure.description
        if case .snoozed(_, let seconds) = failure {
            // Not an attempt: no history entry, no count, however often it waits.
            next.lastError = message
            next.enqueuedAt = now + max(seconds, 0)
            return .retry(next, runAt: now + max(seconds, 0))
        }
        next.history.append(AttemptRecord(attempt: envelope.attempt, error: message, at: now, process: process))
        next.lastError = message
        let limit = min(envelope.maxAttempts, policy.maxAttempts)
        if failure.isPermanent || envelope.attempt >= limit {
            let reason = failure.isPermanent ? message : "attempts exhausted (\(envelope.attempt)/\(limit)): \(message)"
            return .bury(Self.deadLetter(next, error: reason, now: now))
        }
        let delay: Double
        if case .retryable(_, let retryAfter?) = failure {
            delay = max(retryAfter, 0)
        } else {
            delay = policy.delay(afterAttempt: envelope.attempt, random: random)
        }
        next.attempt += 1
        next.enqueuedAt = now + delay
        return .retry(next, runAt: now + delay)
    }

    /// A dead letter for an envelope that died with `error`.
    public static func deadLetter(_ envelope: JobEnvelope, error: String, now: Double) -> DeadLetter {
        let payload = (try? envelope.encoded()) ?? ""
        return DeadLetter(
            id: envelope.id, queue: envelope.queue, kind: envelope.kind, error: error, diedAt: now,
            attempts: envelope.attempt, history: envelope.history, payload: payload)
    }

    /// A dead letter for bytes that are not an envelope at all.
    public static func garbage(raw: String, queue: String, error: String, now: Double, id: String) -> DeadLetter {
        DeadLetter(
            id: id, queue: queue, kind: "<undecodable>", error: "undecodable payload: \(error)", diedAt: now,
            attempts: 1, history: [], payload: raw)
    }
}
