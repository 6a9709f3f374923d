// Where the TikTok Shop client sends requests and with which app credentials.

/// App credentials, hosts and error-code policy for the TikTok Shop clients.
public struct TikTokConfiguration: Sendable, CustomStringConvertible {
    public var appKey: String
    public var appSecret: String
    /// The API host, e.g. `https://open-api.tiktokglobalshop.com` (no trailing slash).
    public var apiBaseURL: String
    /// The auth host, e.g. `https://auth.tiktok-shops.com`.
    public var authBaseURL: String
    /// Envelope codes that mean "throttled" (the real code is unverified, so it is configurable).
    public var throttleCodes: Set<Int>
    /// Refresh an access token when it expires within this many seconds.
    public var refreshMargin: Duration
    public var http: HTTPClientConfiguration

    public init(
        appKey: String, appSecret: String, apiBaseURL: String = "https://open-api.tiktokglobalshop.com",
        authBaseURL: String = "https://auth.tiktok-shops.com", throttleCodes: Set<Int> = [],
        refreshMargin: Duration = .seconds(3600), http: HTTPClientConfiguration = HTTPClientConfiguration()
    ) {
        self.appKey = appKey
        self.appSecret = appSecret
        self.apiBaseURL = apiBaseURL
        self.authBaseURL = authBaseURL
        self.throttleCodes = throttleCodes
        self.refreshMargin = refreshMargin
        self.http = http
    }

    /// Points both hosts at one base URL (the sandbox serves every surface on one port).
    public static func sandbox(baseURL: String, appKey: String, appSecret: String) -> TikTokConfiguration {
        TikTokConfiguration(appKey: appKey, appSecret: appSecret, apiBaseURL: baseURL, authBaseURL: baseURL)
    }

    /// Never shows the secret.
    public var description: String { "TikTokConfiguration(appKey: \(appKey), api: \(apiBaseURL), secret redacted)" }
}
