// Where the EasyPost client sends requests and with which key.

/// API key and base URL for `EasyPostClient`.
public struct EasyPostConfiguration: Sendable, CustomStringConvertible {
    public var apiKey: String
    /// The API base including the version, e.g. `https://api.easypost.com/v2` (no trailing slash).
    public var baseURL: String
    public var http: HTTPClientConfiguration

    public init(
        apiKey: String, baseURL: String = "https://api.easypost.com/v2", http: HTTPClientConfiguration = HTTPClientConfiguration()
    ) {
        self.apiKey = apiKey
        self.baseURL = baseURL
        self.http = http
    }

    /// Never shows the key.
    public var description: String { "EasyPostConfiguration(\(baseURL), key redacted)" }
}
