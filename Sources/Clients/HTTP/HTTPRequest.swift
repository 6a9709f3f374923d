// One outbound request: the exact bytes of the body are fixed before it is sent, so a signature
// computed over them covers what goes on the wire.

import Foundation

/// A request for `HTTPClient`.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The absolute URL, query included (already percent-encoded).
    public var url: String
    /// Header fields in sending order; names are sent as given.
    public var headers: [(name: String, value: String)]
    /// The raw body; `nil` sends none.
    public var body: Data?
    /// Overrides the client's total timeout for this request.
    public var timeout: Duration?

    public init(
        method: HTTPMethod, url: String, headers: [(name: String, value: String)] = [], body: Data? = nil,
        timeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}
