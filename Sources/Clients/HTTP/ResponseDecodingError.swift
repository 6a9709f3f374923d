// An answer that arrived but could not be read: permanent, because the same bytes will come back.

/// A response body that does not have the expected shape.
public struct ResponseDecodingError: ClassifiedError, CustomStringConvertible {
    public let upstream: String
    public let message: String

    public init(upstream: String, message: String) {
        self.upstream = upstream
        self.message = message
    }

    public var isRetryable: Bool { false }
    public var retryAfter: Duration? { nil }
    public var isUpstreamFailure: Bool { false }
    public var description: String { "ResponseDecodingError(\(upstream)): \(message)" }
}
