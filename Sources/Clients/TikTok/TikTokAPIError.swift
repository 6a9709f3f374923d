// A TikTok Shop envelope with a non-zero code (or a non-200 status), classified: token errors
// (codes 105xxx and 360xxx) need a refresh, throttling and 5xx are retryable, the rest permanent.

/// A TikTok Shop API answer that is not a success.
public struct TikTokAPIError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status of the answer.
    public let status: Int
    /// The envelope's `code` (0 when the body was not an envelope).
    public let code: Int
    public let message: String
    public let requestId: String?
    /// Whether the same call may succeed later without changes.
    public let isRetryable: Bool
    /// The server's `Retry-After`, when it sent one.
    public let retryAfter: Duration?

    public init(status: Int, code: Int, message: String, requestId: String?, isRetryable: Bool, retryAfter: Duration?) {
        self.status = status
        self.code = code
        self.message = message
        self.requestId = requestId
        self.isRetryable = isRetryable
        self.retryAfter = retryAfter
    }

    /// Whether the access token is invalid or expired (refresh, then retry).
    public var isTokenError: Bool {
        let text = String(code)
        return text.hasPrefix("105") || text.hasPrefix("360")
    }

    /// Whether TikTok rejected a refresh token (36004005, "The refresh token is invalid or
    /// expired"): only the seller authorizing the app again mends it.
    public var isRefreshTokenRejected: Bool { code == 36004005 }

    /// Whether the signature was rejected (106001).
    public var isSignatureError: Bool { code == 106001 }

    public var description: String {
        "TikTokAPIError(HTTP \(status), code \(code), \(isRetryable ? "retryable" : "permanent")): \(message)"
            + (requestId.map { " [request \($0)]" } ?? "")
    }
}
