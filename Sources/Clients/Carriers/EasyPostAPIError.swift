// An EasyPost error answer `{"error":{"code","message","errors"}}`, classified by status: 408,
// 429 and 5xx retryable (with Retry-After), the rest permanent.

/// A non-2xx answer from EasyPost (or the supplier, which uses the same error shape).
public struct EasyPostAPIError: ClassifiedError, CustomStringConvertible {
    public let upstream: String
    public let status: Int
    /// The error code, e.g. `SHIPMENT.POSTAGE.EXISTS`, `NOT_FOUND`.
    public let code: String
    public let message: String
    public let retryAfter: Duration?

    public init(upstream: String, status: Int, code: String, message: String, retryAfter: Duration?) {
        self.upstream = upstream
        self.status = status
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    public var isRetryable: Bool { status == 408 || status == 429 || status >= 500 }
    public var isUpstreamFailure: Bool { status >= 500 }

    public var description: String {
        "EasyPostAPIError(\(upstream), HTTP \(status), \(code), \(isRetryable ? "retryable" : "permanent")): \(message)"
    }

    struct Body: Decodable {
        struct Detail: Decodable {
            let code: String?
            let message: String?
        }
        let error: Detail?
    }
}
