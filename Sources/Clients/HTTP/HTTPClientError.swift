// Outbound failures, classified once: retryable (timeouts, resets, 408, 429, 5xx) or permanent
// (every other 4xx, TLS and protocol errors). Descriptions never include bodies or credentials.

import Foundation

/// A failed outbound call and whether trying again may succeed.
public struct HTTPClientError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The connect or total timeout expired.
        case timeout
        /// The connection was refused, reset or closed before a full response.
        case connection
        /// The server answered with an error status.
        case status(Int)
        /// TLS, URL, or another local failure that retrying will not fix.
        case transport
    }

    public let kind: Kind
    /// Whether the same request may succeed later.
    public let isRetryable: Bool
    /// How long the server asked us to wait (`Retry-After`), when it did.
    public let retryAfter: Duration?
    /// A short, secret-free explanation.
    public let message: String
    /// The response, for status errors (bodies may hold details for the caller to decode).
    public let response: HTTPResponse?

    public init(kind: Kind, isRetryable: Bool, retryAfter: Duration? = nil, message: String, response: HTTPResponse? = nil) {
        self.kind = kind
        self.isRetryable = isRetryable
        self.retryAfter = retryAfter
        self.message = message
        self.response = response
    }

    /// The classified error for an error status, or `nil` for 1xx–3xx.
    public static func classify(_ response: HTTPResponse, now: Date = Date()) -> HTTPClientError? {
        let status = response.status
        guard status >= 400 else { return nil }
        let retryable = status == 408 || status == 429 || status >= 500
        return HTTPClientError(
            kind: .status(status), isRetryable: retryable, retryAfter: retryable ? response.retryAfter(now: now) : nil,
            message: "HTTP \(status)", response: response)
    }

    public var description: String {
        let wait = retryAfter.map { ", retry after \($0)" } ?? ""
        return "HTTPClientError(\(kind), \(isRetryable ? "retryable" : "permanent")\(wait)): \(message)"
    }
}
