// The tokens from `/api/v2/token/get` and `/api/v2/token/refresh`. The `*_expire_in` fields are
// absolute Unix timestamps, not durations (external-apis.md §1).

import Domain
import Foundation

/// An access and refresh token pair with absolute expiry times; never printed.
public struct TikTokToken: Sendable, Equatable, CustomStringConvertible {
    public var accessToken: String
    public var accessTokenExpiresAt: Date
    public var refreshToken: String
    public var refreshTokenExpiresAt: Date
    public var openId: String?
    public var sellerName: String?
    public var sellerBaseRegion: String?
    public var grantedScopes: [String]

    public init(
        accessToken: String, accessTokenExpiresAt: Date, refreshToken: String, refreshTokenExpiresAt: Date,
        openId: String? = nil, sellerName: String? = nil, sellerBaseRegion: String? = nil, grantedScopes: [String] = []
    ) {
        self.accessToken = accessToken
        self.accessTokenExpiresAt = accessTokenExpiresAt
        self.refreshToken = refreshToken
        self.refreshTokenExpiresAt = refreshTokenExpiresAt
        self.openId = openId
        self.sellerName = sellerName
        self.sellerBaseRegion = sellerBaseRegion
        self.grantedScopes = grantedScopes
    }

    /// Whether the access token expires within `margin` of `now`.
    public func needsRefresh(now: Date = Date(), margin: Duration) -> Bool {
        now >= refreshFrom(margin: margin)
    }

    /// When the access token starts to need refreshing: `margin` before it expires.
    public func refreshFrom(margin: Duration) -> Date {
        accessTokenExpiresAt.addingTimeInterval(-margin.inSeconds)
    }

    /// Expiry times only; the tokens stay out of logs.
    public var description: String {
        "TikTokToken(access expires \(accessTokenExpiresAt), refresh expires \(refreshTokenExpiresAt), tokens redacted)"
    }
}

/// The wire form of the token answer's `data`.
struct TikTokTokenPayload: Decodable {
    let accessToken: String
    let accessTokenExpireIn: Int64
    let refreshToken: String
    let refreshTokenExpireIn: Int64
    let openId: String?
    let sellerName: String?
    let sellerBaseRegion: String?
    let grantedScopes: [String]?
    let grantedPermissions: [String]?

    private enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", accessTokenExpireIn = "access_token_expire_in", refreshToken = "refresh_token"
        case refreshTokenExpireIn = "refresh_token_expire_in", openId = "open_id", sellerName = "seller_name"
        case sellerBaseRegion = "seller_base_region", grantedScopes = "granted_scopes"
        case grantedPermissions = "granted_permissions"
    }

    var token: TikTokToken {
        TikTokToken(
            accessToken: accessToken, accessTokenExpiresAt: Date(timeIntervalSince1970: TimeInterval(accessTokenExpireIn)),
            refreshToken: refreshToken,
            refreshTokenExpiresAt: Date(timeIntervalSince1970: TimeInterval(refreshTokenExpireIn)), openId: openId,
            sellerName: sellerName, sellerBaseRegion: sellerBaseRegion,
            grantedScopes: grantedScopes ?? grantedPermissions ?? [])
    }
}
