// Where the outbound clients point and with which credentials, read from the environment
// (12-factor). One base URL variable (`CF_SANDBOX_URL`) points every surface at the sandbox.

import Domain
import Foundation

/// Client configurations built from environment variables.
///
/// | variable | meaning | default |
/// |---|---|---|
/// | `TIKTOK_APP_KEY`, `TIKTOK_APP_SECRET` | TikTok Shop app credentials | required for TikTok calls |
/// | `TIKTOK_API_URL`, `TIKTOK_AUTH_URL` | TikTok hosts | the real hosts |
/// | `EASYPOST_API_KEY`, `EASYPOST_URL` | EasyPost key and base (with `/v2`) | required for labels |
/// | `EASYPOST_WEBHOOK_SECRET` | verifies `X-Hmac-Signature` of tracker events | required for `/webhooks/easypost` |
/// | `SUPPLIER_API_KEY`, `SUPPLIER_URL` | supplier key and base | required for purchase orders |
/// | `CF_SANDBOX_URL` | one base URL for every surface (local runs) | none |
///
/// With `CF_SANDBOX_URL` set, unset keys default to the sandbox's defaults, so `ops/up` needs no
/// credentials at all.
public struct IntegrationEnvironment: Sendable {
    public var tiktok: TikTokConfiguration?
    public var easyPost: EasyPostConfiguration?
    public var easyPostWebhookSecret: String?
    public var supplier: SupplierConfiguration?

    /// Reads `environment` (the process's by default).
    public init(_ environment: [String: String]) {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        let sandbox = value("CF_SANDBOX_URL").map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        func sandboxDefault(_ fallback: String) -> String? { sandbox == nil ? nil : fallback }

        if let key = value("TIKTOK_APP_KEY") ?? sandboxDefault("sandbox-app-key"),
            let secret = value("TIKTOK_APP_SECRET") ?? sandboxDefault("sandbox-app-secret")
        {
            tiktok = TikTokConfiguration(
                appKey: key, appSecret: secret,
                apiBaseURL: value("TIKTOK_API_URL") ?? sandbox ?? "https://open-api.tiktokglobalshop.com",
                authBaseURL: value("TIKTOK_AUTH_URL") ?? sandbox ?? "https://auth.tiktok-shops.com")
        }
        if let key = value("EASYPOST_API_KEY") ?? sandboxDefault("sandbox-easypost-key") {
            easyPost = EasyPostConfiguration(
                apiKey: key, baseURL: value("EASYPOST_URL") ?? sandbox.map { $0 + "/v2" } ?? "https://api.easypost.com/v2")
        }
        easyPostWebhookSecret = value("EASYPOST_WEBHOOK_SECRET") ?? sandboxDefault("sandbox-easypost-webhook-secret")
        if let key = value("SUPPLIER_API_KEY") ?? sandboxDefault("sandbox-supplier-key"),
            let base = value("SUPPLIER_URL") ?? sandbox.map({ $0 + "/supplier/v1" })
        {
            supplier = SupplierConfiguration(apiKey: key, baseURL: base)
        }
    }

    /// The TikTok configuration, or an error naming the missing variables.
    public func requireTikTok() throws -> TikTokConfiguration {
        guard let tiktok else { throw MissingIntegration(variables: "TIKTOK_APP_KEY and TIKTOK_APP_SECRET") }
        return tiktok
    }

    /// The EasyPost configuration, or an error naming the missing variable.
    public func requireEasyPost() throws -> EasyPostConfiguration {
        guard let easyPost else { throw MissingIntegration(variables: "EASYPOST_API_KEY") }
        return easyPost
    }

    /// The supplier configuration, or an error naming the missing variables.
    public func requireSupplier() throws -> SupplierConfiguration {
        guard let supplier else { throw MissingIntegration(variables: "SUPPLIER_API_KEY and SUPPLIER_URL") }
        return supplier
    }
}

/// An integration was needed but its environment variables are not set.
public struct MissingIntegration: DispositionedError, Sendable, CustomStringConvertible {
    public var variables: String
    /// The next deploy may set them.
    public var disposition: ErrorDisposition { .retryable }
    public init(variables: String) { self.variables = variables }
    public var description: String { "\(variables) must be set (or CF_SANDBOX_URL for the local sandbox)" }
}
