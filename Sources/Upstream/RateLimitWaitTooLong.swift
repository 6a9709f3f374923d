// Thrown by admit when a rate-limit slot is further away than the gate may block a thread for;
// the job queue reschedules the job instead of holding a worker slot.

import Clients

/// The bucket has no free slot within the gate's longest wait.
public struct RateLimitWaitTooLong: ClassifiedError, CustomStringConvertible {
    public let bucket: String
    public let retryAfter: Duration?

    public init(bucket: String, retryAfter: Duration) {
        self.bucket = bucket
        self.retryAfter = retryAfter
    }

    public var isRetryable: Bool { true }
    public var isUpstreamFailure: Bool { false }

    public var description: String {
        "RateLimitWaitTooLong(\(bucket)): next slot in \(retryAfter ?? .zero)"
    }
}
