// Why a job attempt did not succeed, classified so the queue knows whether to retry.

/// The outcome of a failed attempt.
public enum JobFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Worth trying again; `retryAfter` (seconds) from the upstream wins over the backoff formula.
    case retryable(String, retryAfter: Double? = nil)
    /// Will never succeed: straight to the dead letters.
    case permanent(String)
    /// The attempt exceeded its kind's time limit.
    case timedOut(limitSeconds: Double)
    /// No handler for this kind here; a rolling deploy may bring one, so it is retried.
    case unknownKind(String)
    /// The envelope was written by a newer schema; retried for the same reason.
    case newerSchema(Int)
    /// Waiting on something outside the job: run again after `seconds` without counting an attempt.
    case snoozed(String, seconds: Double)

    public var description: String {
        switch self {
        case .retryable(let m, _): return m
        case .permanent(let m): return m
        case .timedOut(let s): return "timed out after \(s)s"
        case .unknownKind(let k): return "unknown job kind '\(k)'"
        case .newerSchema(let v): return "envelope schema v\(v) is newer than this worker understands (v\(JobEnvelope.currentVersion))"
        case .snoozed(let m, _): return m
        }
    }

    public var isPermanent: Bool {
        if case .permanent = self { return true }
        return false
    }
}
