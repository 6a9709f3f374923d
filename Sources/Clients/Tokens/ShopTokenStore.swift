// Reads and writes shops and their tokens in PostgreSQL (`shops`), sealing tokens with
// `TokenCipher` on the way in and opening them on the way out. Uses its connection's thread.

import Foundation
import Domain
import Store

/// The `shops` table, with tokens encrypted at rest.
public struct ShopTokenStore {
    private let connection: PostgresConnection
    private let cipher: TokenCipher

    public init(connection: PostgresConnection, cipher: TokenCipher) {
        self.connection = connection
        self.cipher = cipher
    }

    /// Inserts or updates `shop` (name, region, cipher) with `token`.
    public func save(_ shop: AuthorizedShop, token: TikTokToken) throws {
        let sealed = try seal(token, shopId: shop.id)
        try connection.execute(
            """
            INSERT INTO shops (tiktok_shop_id, name, region, cipher, access_token_ciphertext, access_token_expires_at,
                               refresh_token_ciphertext, refresh_token_expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (tiktok_shop_id) DO UPDATE SET name = EXCLUDED.name, region = EXCLUDED.region,
                cipher = EXCLUDED.cipher, access_token_ciphertext = EXCLUDED.access_token_ciphertext,
                access_token_expires_at = EXCLUDED.access_token_expires_at,
                refresh_token_ciphertext = EXCLUDED.refresh_token_ciphertext,
                refresh_token_expires_at = EXCLUDED.refresh_token_expires_at, updated_at = now(),
                needs_reauthorization_at = NULL
            """,
            [
                .string(shop.id), .string(shop.name), .string(shop.region), .string(shop.cipher), .bytes(sealed.access),
                .date(token.accessTokenExpiresAt), .bytes(sealed.refresh), .date(token.refreshTokenExpiresAt),
            ])
    }

    /// Replaces the tokens of an existing shop.
    public func saveToken(_ token: TikTokToken, tiktokShopId: String) throws {
        let sealed = try seal(token, shopId: tiktokShopId)
        let updated = try connection.execute(
            """
            UPDATE shops SET access_token_ciphertext = $2, access_token_expires_at = $3,
                refresh_token_ciphertext = $4, refresh_token_expires_at = $5, updated_at = now()
            WHERE tiktok_shop_id = $1
            """,
            [
                .string(tiktokShopId), .bytes(sealed.access), .date(token.accessTokenExpiresAt), .bytes(sealed.refresh),
                .date(token.refreshTokenExpiresAt),
            ])
        if updated == 0 { throw ShopTokenError.unknownShop(tiktokShopId) }
    }

    /// Marks shop `tiktokShopId` as needing re-authorization (its refresh token was rejected);
    /// returns whether this call marked it (false when it already was).
    public func markNeedsReauthorization(tiktokShopId: String) throws -> Bool {
        try connection.execute(
            """
            UPDATE shops SET needs_reauthorization_at = now(), updated_at = now()
            WHERE tiktok_shop_id = $1 AND needs_reauthorization_at IS NULL
            """, [.string(tiktokShopId)]) == 1
    }

    /// Every connected shop, without tokens.
    public func shops() throws -> [StoredShop] {
        try connection.query(
            """
            SELECT tiktok_shop_id, name, region, cipher, access_token_expires_at, refresh_token_expires_at,
                   needs_reauthorization_at
            FROM shops ORDER BY tiktok_shop_id
            """
        ).map(Self.shop)
    }

    /// The shop and its decrypted tokens; `lock` takes a row lock (inside a transaction).
    public func credentials(tiktokShopId: String, lock: Bool = false) throws -> (StoredShop, TikTokToken) {
        let rows = try connection.query(
            """
            SELECT tiktok_shop_id, name, region, cipher, access_token_expires_at, refresh_token_expires_at,
                   needs_reauthorization_at, access_token_ciphertext, refresh_token_ciphertext
            FROM shops WHERE tiktok_shop_id = $1\(lock ? " FOR UPDATE" : "")
            """, [.string(tiktokShopId)])
        guard let row = rows.first else { throw ShopTokenError.unknownShop(tiktokShopId) }
        let shop = try Self.shop(row)
        guard let access = try row["access_token_ciphertext", as: Data?.self],
            let refresh = try row["refresh_token_ciphertext", as: Data?.self],
            let accessExpiry = shop.accessTokenExpiresAt, let refreshExpiry = shop.refreshTokenExpiresAt
        else { throw ShopTokenError.noToken(tiktokShopId) }
        let token = TikTokToken(
            accessToken: try cipher.open(access, context: Self.context(tiktokShopId, "access")),
            accessTokenExpiresAt: accessExpiry,
            refreshToken: try cipher.open(refresh, context: Self.context(tiktokShopId, "refresh")),
            refreshTokenExpiresAt: refreshExpiry)
        return (shop, token)
    }

    /// Runs `body` in a transaction on this store's connection (for row locks).
    public func inTransaction<T>(_ body: () throws -> T) throws -> T {
        try connection.withTransaction { _ in try body() }
    }

    private func seal(_ token: TikTokToken, shopId: String) throws -> (access: Data, refresh: Data) {
        (
            try cipher.seal(token.accessToken, context: Self.context(shopId, "access")),
            try cipher.seal(token.refreshToken, context: Self.context(shopId, "refresh"))
        )
    }

    private static func context(_ shopId: String, _ column: String) -> String { "shops:\(shopId):\(column)" }

    private static func shop(_ row: PostgresRow) throws -> StoredShop {
        StoredShop(
            tiktokShopId: try row["tiktok_shop_id", as: String.self], name: try row["name", as: String.self],
            region: try row["region", as: String.self], cipher: try row["cipher", as: String.self],
            accessTokenExpiresAt: try row["access_token_expires_at", as: Date?.self],
            refreshTokenExpiresAt: try row["refresh_token_expires_at", as: Date?.self],
            needsReauthorizationSince: try row["needs_reauthorization_at", as: Date?.self])
    }
}

/// A shop or its tokens are missing.
public enum ShopTokenError: DispositionedError, Sendable, Equatable, CustomStringConvertible {
    case unknownShop(String)
    case noToken(String)

    /// Only connecting the shop (`creatorflow shops connect`) mends either.
    public var disposition: ErrorDisposition { .permanent }

    public var description: String {
        switch self {
        case .unknownShop(let id): return "shop \(id) is not connected"
        case .noToken(let id): return "shop \(id) has no stored token; connect it again"
        }
    }
}
