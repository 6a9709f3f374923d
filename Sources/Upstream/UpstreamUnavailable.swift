// Thrown by admit while an upstream's breaker is open (or its half-open trial is in flight).

import Clients

/// The upstream's circuit breaker refuses requests for now; the job should come back later.
public struct UpstreamUnavailable: ClassifiedError, CustomStringConvertible {
    public let upstream: String
    public let retryAfter: Duration?

    public init(upstream: String, retryAfter: Duration) {
        self.upstream = upstream
        self.retryAfter = retryAfter
    }

    public var isRetryable: Bool { true }
    /// Never: a refusal by our own breaker must not count toward it.
    public var isUpstreamFailure: Bool { false }

    public var description: String {
        "UpstreamUnavailable(\(upstream)): circuit breaker open, retry after \(retryAfter ?? .zero)"
    }
}
