// The one place any error becomes a job outcome: a job failure stays itself, a cancellation
// retries, every other error is retried or dead-lettered by its own disposition. An error that
// says nothing about itself is retried (as Sidekiq does), with its description kept.

import Domain
import Redis

extension JobFailure: DispositionedError {
    public var disposition: ErrorDisposition {
        switch self {
        case .permanent: return .permanent
        case .retryable(_, let seconds): return .retryable(after: seconds.map { .milliseconds(Int64(($0 * 1000).rounded())) })
        case .timedOut, .unknownKind, .newerSchema: return .retryable
        case .snoozed(_, let seconds): return .snoozed(for: .milliseconds(Int64((seconds * 1000).rounded())))
        }
    }

    /// `error` as a job outcome.
    public init(_ error: any Error) {
        switch error {
        case let failure as JobFailure:
            self = failure
        case is CancellationError:
            self = .retryable("cancelled")
        case let classified as any DispositionedError:
            switch classified.disposition {
            case .permanent:
                self = .permanent(String(describing: error))
            case .retryable(let after):
                self = .retryable(String(describing: error), retryAfter: after?.inSeconds)
            case .snoozed(let wait):
                self = .snoozed(String(describing: error), seconds: wait.inSeconds)
            }
        default:
            self = .retryable(String(describing: error))
        }
    }
}

extension RedisError: DispositionedError {
    /// Connection losses retry; an error reply (OOM aside) or a malformed reply will not improve.
    public var disposition: ErrorDisposition {
        switch self {
        case .connection: return .retryable
        case .server: return isOutOfMemory ? .retryable : .permanent
        case .protocolViolation: return .permanent
        }
    }
}
