// The one question every outbound error answers: may the same call succeed later, and when.

import Domain

/// An outbound call's error, classified as retryable or permanent.
public protocol ClassifiedError: DispositionedError, Sendable {
    /// Whether the same call may succeed later.
    var isRetryable: Bool { get }
    /// How long the upstream asked us to wait, when it said.
    var retryAfter: Duration? { get }
    /// Whether this failure says the upstream itself is unhealthy (counts toward its breaker).
    var isUpstreamFailure: Bool { get }
}

extension ClassifiedError {
    public var disposition: ErrorDisposition { isRetryable ? .retryable(after: retryAfter) : .permanent }
}

extension HTTPClientError: ClassifiedError {
    /// Timeouts, resets and 5xx; not throttling (429) nor client errors.
    public var isUpstreamFailure: Bool {
        switch kind {
        case .timeout, .connection: return true
        case .status(let status): return status >= 500
        case .transport: return false
        }
    }
}

extension TikTokAPIError: ClassifiedError {
    public var isUpstreamFailure: Bool { status >= 500 }
}
