// The sandbox's settings. Defaults match what `ops/up` gives the receiver, so the two agree
// without flags.

import Foundation

/// Credentials, addresses and timings of the sandbox.
public struct SandboxConfiguration: Sendable {
    /// Listening address; port 0 picks a free port.
    public var host: String
    public var port: Int
    /// TikTok app credentials (default `sandbox-app-key` / `sandbox-app-secret`).
    public var appKey: String
    public var appSecret: String
    /// EasyPost API key expected in Basic auth (default `sandbox-easypost-key`).
    public var easyPostKey: String
    /// Secret signing EasyPost tracker events (`X-Hmac-Signature`).
    public var easyPostWebhookSecret: String
    /// Bearer key of the supplier API (default `sandbox-supplier-key`).
    public var supplierKey: String
    /// Where TikTok webhooks go (default `http://127.0.0.1:8080/webhooks/tiktok`); `nil` sends none.
    public var webhookURL: String?
    /// Where EasyPost events go (default: the TikTok URL's sibling `/webhooks/easypost`).
    public var easyPostWebhookURL: String?
    /// Lifetime of issued access tokens (TikTok: about 7 days).
    public var accessTokenLifetime: Duration
    /// Lifetime of refresh tokens.
    public var refreshTokenLifetime: Duration
    /// Largest accepted difference between a request's `timestamp` and the clock.
    public var timestampSkew: Duration

    public init(
        host: String = "127.0.0.1", port: Int = 8090, appKey: String = "sandbox-app-key",
        appSecret: String = "sandbox-app-secret", easyPostKey: String = "sandbox-easypost-key",
        easyPostWebhookSecret: String = "sandbox-easypost-webhook-secret", supplierKey: String = "sandbox-supplier-key",
        webhookURL: String? = "http://127.0.0.1:8080/webhooks/tiktok", easyPostWebhookURL: String? = nil,
        accessTokenLifetime: Duration = .seconds(7 * 86_400), refreshTokenLifetime: Duration = .seconds(365 * 86_400),
        timestampSkew: Duration = .seconds(300)
    ) {
        self.host = host
        self.port = port
        self.appKey = appKey
        self.appSecret = appSecret
        self.easyPostKey = easyPostKey
        self.easyPostWebhookSecret = easyPostWebhookSecret
        self.supplierKey = supplierKey
        self.webhookURL = webhookURL
        self.easyPostWebhookURL = easyPostWebhookURL ?? webhookURL.map(Self.easyPostSibling)
        self.accessTokenLifetime = accessTokenLifetime
        self.refreshTokenLifetime = refreshTokenLifetime
        self.timestampSkew = timestampSkew
    }

    private static func easyPostSibling(_ url: String) -> String {
        guard let slash = url.lastIndex(of: "/") else { return url }
        return String(url[...slash]) + "easypost"
    }
}
