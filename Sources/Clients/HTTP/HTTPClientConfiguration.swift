// Settings for one HTTP client. TLS peer and host verification are always on; only the CA bundle
// can be chosen.

/// Timeouts and identity for `HTTPClient`.
public struct HTTPClientConfiguration: Sendable {
    /// Time allowed to establish the TCP and TLS connection.
    public var connectTimeout: Duration
    /// Time allowed for the whole exchange, connecting included.
    public var totalTimeout: Duration
    /// The `User-Agent` header.
    public var userAgent: String
    /// A CA bundle file to trust instead of the system's.
    public var caBundlePath: String?

    public init(
        connectTimeout: Duration = .seconds(5), totalTimeout: Duration = .seconds(30),
        userAgent: String = "creatorflow/1", caBundlePath: String? = nil
    ) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.userAgent = userAgent
        self.caBundlePath = caBundlePath
    }
}
