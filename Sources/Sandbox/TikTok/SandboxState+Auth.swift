// TikTok OAuth in the sandbox: single-use authorization codes, token issue and rotation with
// absolute expiry timestamps, and the access-token check every API call goes through.

import Foundation

/// The outcome of checking an `x-tts-access-token`.
enum TokenCheck: Sendable, Equatable {
    case valid
    case missing
    case unknown
    case expired
}

extension SandboxState {
    /// A fresh single-use authorization code; tokens issued for it live `accessTokenLifetime`
    /// (or the configured default).
    public func issueAuthCode(accessTokenLifetime: Duration?) -> String {
        let code = "sandbox-code-" + nextId()
        authCodes[code] = accessTokenLifetime ?? configuration.accessTokenLifetime
        return code
    }

    /// Exchanges an authorization code; `nil` when the code is unknown or used.
    func exchange(authCode: String) -> SimJSON? {
        guard let lifetime = authCodes.removeValue(forKey: authCode) else { return nil }
        return issueToken(lifetime: lifetime)
    }

    /// Rotates a refresh token: the old access and refresh tokens stop working.
    func refresh(refreshToken: String) -> SimJSON? {
        guard let old = refreshTokens[refreshToken], !old.revoked, old.refreshExpiresAt > unixNow else { return nil }
        refreshTokens[refreshToken] = nil
        accessTokens[old.access]?.revoked = true
        return issueToken(lifetime: configuration.accessTokenLifetime)
    }

    /// Whether `token` may call the API now.
    func check(accessToken token: String?) -> TokenCheck {
        guard let token, !token.isEmpty else { return .missing }
        guard let record = accessTokens[token], !record.revoked else { return .unknown }
        return record.accessExpiresAt > unixNow ? .valid : .expired
    }

    /// Makes every issued access token expired (for tests of refresh-on-expiry).
    /// Forgets every access and refresh token, as a restarted sandbox does: stored tokens are then
    /// refused (an API call with a token error, a refresh with 36004005) until a new authorization.
    public func revokeAllTokens() {
        accessTokens = [:]
        refreshTokens = [:]
    }

    public func expireAccessTokens() {
        for (key, token) in accessTokens {
            accessTokens[key] = SimToken(
                access: token.access, refresh: token.refresh, accessExpiresAt: unixNow - 1,
                refreshExpiresAt: token.refreshExpiresAt, revoked: token.revoked)
        }
    }

    /// The shops every token may act for, as `{shops:[…]}`.
    func authorizedShopsJSON() -> SimJSON { ["shops": [shop.json]] }

    /// The scopes a token exchange reports; the analytics scope only while granted.
    private var grantedScopes: [String] {
        ["seller.order.info", "seller.fulfillment.basic", "seller.product.basic"]
            + (analyticsScopeGranted ? ["data.shop_analytics.public.read"] : [])
    }

    private func issueToken(lifetime: Duration) -> SimJSON {
        let token = SimToken(
            access: "TTP_" + nextId() + UUID().uuidString.replacingOccurrences(of: "-", with: ""),
            refresh: "TTP_R_" + nextId() + UUID().uuidString.replacingOccurrences(of: "-", with: ""),
            accessExpiresAt: unixNow + lifetime.components.seconds,
            refreshExpiresAt: unixNow + configuration.refreshTokenLifetime.components.seconds)
        accessTokens[token.access] = token
        refreshTokens[token.refresh] = token
        return [
            "access_token": .string(token.access), "access_token_expire_in": .int(token.accessExpiresAt),
            "refresh_token": .string(token.refresh), "refresh_token_expire_in": .int(token.refreshExpiresAt),
            "open_id": "sandbox-open-id", "seller_name": .string(shop.name), "seller_base_region": "US", "user_type": 0,
            "granted_scopes": .array(grantedScopes.map { .string($0) }),
        ]
    }
}
