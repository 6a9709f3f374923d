// Shop credentials in PostgreSQL: `ShopStore` keeps the rows, `TokenCipher` seals each token on
// the way in and opens it on the way out, bound to its shop and column.

import Clients
import Foundation
import Store

/// The fleet's ``ShopTokenStore``: tokens encrypted at rest in `shops`.
public struct PostgresShopTokenStore: ShopTokenStore {
    private let shops: ShopStore
    private let cipher: TokenCipher

    public init(connection: PostgresConnection, cipher: TokenCipher) {
        self.shops = ShopStore(connection: connection)
        self.cipher = cipher
    }

    public func save(_ shop: AuthorizedShop, token: TikTokToken) throws {
        try shops.save(
            StoredShop(tiktokShopId: shop.id, name: shop.name, region: shop.region, cipher: shop.cipher),
            tokens: try seal(token, shopId: shop.id))
    }

    public func saveToken(_ token: TikTokToken, tiktokShopId: String) throws {
        guard try shops.replaceTokens(try seal(token, shopId: tiktokShopId), tiktokShopId: tiktokShopId) else {
            throw ShopTokenError.unknownShop(tiktokShopId)
        }
    }

    public func markNeedsReauthorization(tiktokShopId: String) throws -> Bool {
        try shops.markNeedsReauthorization(tiktokShopId: tiktokShopId)
    }

    public func credentials(tiktokShopId: String, lock: Bool) throws -> ShopCredentials {
        guard let (shop, sealed) = try shops.sealed(tiktokShopId: tiktokShopId, lock: lock) else {
            throw ShopTokenError.unknownShop(tiktokShopId)
        }
        guard let sealed else { throw ShopTokenError.noToken(tiktokShopId) }
        let token = TikTokToken(
            accessToken: try cipher.open(sealed.access, context: Self.context(tiktokShopId, "access")),
            accessTokenExpiresAt: sealed.accessExpiresAt,
            refreshToken: try cipher.open(sealed.refresh, context: Self.context(tiktokShopId, "refresh")),
            refreshTokenExpiresAt: sealed.refreshExpiresAt)
        return ShopCredentials(
            tiktokShopId: shop.tiktokShopId, cipher: shop.cipher, token: token,
            needsReauthorization: shop.needsReauthorizationSince != nil)
    }

    public func inTransaction<T>(_ body: () throws -> T) throws -> T {
        try shops.inTransaction(body)
    }

    /// Every stored shop, without tokens.
    public func storedShops() throws -> [StoredShop] {
        try shops.shops()
    }

    private func seal(_ token: TikTokToken, shopId: String) throws -> SealedTokens {
        SealedTokens(
            access: try cipher.seal(token.accessToken, context: Self.context(shopId, "access")),
            accessExpiresAt: token.accessTokenExpiresAt,
            refresh: try cipher.seal(token.refreshToken, context: Self.context(shopId, "refresh")),
            refreshExpiresAt: token.refreshTokenExpiresAt)
    }

    private static func context(_ shopId: String, _ column: String) -> String { "shops:\(shopId):\(column)" }
}
