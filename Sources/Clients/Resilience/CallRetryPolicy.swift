// In-call retry: a few quick attempts with exponential backoff and full jitter, honouring
// Retry-After up to a cap. A longer wait is left to the job queue (the error carries it).

import Foundation

/// How many times a client call is attempted and how long it waits in between.
public struct CallRetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// The longest `Retry-After` waited in-call; a longer one is rethrown for the queue to schedule.
    public var maxRetryAfter: Duration

    public init(maxAttempts: Int, baseDelay: Duration, maxDelay: Duration, maxRetryAfter: Duration) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// Exponential backoff with full jitter: attempt n waits uniformly in [0, min(max, base·2ⁿ⁻¹)].
    public static func exponentialJitter(
        maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(5),
        maxRetryAfter: Duration = .seconds(10)
    ) -> CallRetryPolicy {
        CallRetryPolicy(maxAttempts: maxAttempts, baseDelay: baseDelay, maxDelay: maxDelay, maxRetryAfter: maxRetryAfter)
    }

    /// One attempt, no retry.
    public static let never = CallRetryPolicy(maxAttempts: 1, baseDelay: .zero, maxDelay: .zero, maxRetryAfter: .zero)

    /// The wait before attempt `attempt + 1` after `error`, or `nil` to give up and rethrow.
    /// `unit` is a random number in [0, 1).
    public func delay(after attempt: Int, error: any ClassifiedError, unit: Double) -> Duration? {
        guard error.isRetryable, attempt < maxAttempts else { return nil }
        if let retryAfter = error.retryAfter {
            return retryAfter <= maxRetryAfter ? retryAfter : nil
        }
        let exponent = min(attempt - 1, 30)
        let ceiling = min(maxDelay, baseDelay * (1 << exponent))
        return ceiling * unit
    }
}
