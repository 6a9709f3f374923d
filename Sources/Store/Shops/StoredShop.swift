// A row of `shops` as the rest of the system may see it: no tokens, only their expiry times.

import Foundation

/// A connected shop without its tokens.
public struct StoredShop: Sendable, Equatable {
    public var tiktokShopId: String
    public var name: String
    public var region: String
    public var cipher: String
    public var accessTokenExpiresAt: Date?
    public var refreshTokenExpiresAt: Date?
    /// When TikTok rejected the shop's refresh token; nil while the shop is authorized.
    public var needsReauthorizationSince: Date?

    public init(
        tiktokShopId: String, name: String, region: String, cipher: String, accessTokenExpiresAt: Date? = nil,
        refreshTokenExpiresAt: Date? = nil, needsReauthorizationSince: Date? = nil
    ) {
        self.tiktokShopId = tiktokShopId
        self.name = name
        self.region = region
        self.cipher = cipher
        self.accessTokenExpiresAt = accessTokenExpiresAt
        self.refreshTokenExpiresAt = refreshTokenExpiresAt
        self.needsReauthorizationSince = needsReauthorizationSince
    }
}
