// The `shops` table: connected shops, their sealed tokens (this store never sees a token in
// clear) and whether TikTok asked for the shop to be authorized again.

import Foundation

/// Reads and writes `shops` on one connection (inside the caller's transaction, if any).
public struct ShopStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Inserts or updates `shop` (name, region, cipher) with `tokens`, clearing any re-authorization mark.
    public func save(_ shop: StoredShop, tokens: SealedTokens) throws {
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
                .string(shop.tiktokShopId), .string(shop.name), .string(shop.region), .string(shop.cipher),
                .bytes(tokens.access), .date(tokens.accessExpiresAt), .bytes(tokens.refresh), .date(tokens.refreshExpiresAt),
            ])
    }

    /// Replaces the tokens of an existing shop; false when no such shop is stored.
    public func replaceTokens(_ tokens: SealedTokens, tiktokShopId: String) throws -> Bool {
        try connection.execute(
            """
            UPDATE shops SET access_token_ciphertext = $2, access_token_expires_at = $3,
                refresh_token_ciphertext = $4, refresh_token_expires_at = $5, updated_at = now()
            WHERE tiktok_shop_id = $1
            """,
            [
                .string(tiktokShopId), .bytes(tokens.access), .date(tokens.accessExpiresAt), .bytes(tokens.refresh),
                .date(tokens.refreshExpiresAt),
            ]) == 1
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

    /// Every stored shop, without tokens.
    public func shops() throws -> [StoredShop] {
        try connection.query("SELECT \(Self.shopColumns) FROM shops ORDER BY tiktok_shop_id").map(Self.shop)
    }

    /// The shop and its sealed tokens (nil when it has none); nil when the shop is not stored.
    /// `lock` takes a row lock (inside a transaction).
    public func sealed(tiktokShopId: String, lock: Bool = false) throws -> (shop: StoredShop, tokens: SealedTokens?)? {
        let rows = try connection.query(
            """
            SELECT \(Self.shopColumns), access_token_ciphertext, refresh_token_ciphertext
            FROM shops WHERE tiktok_shop_id = $1\(lock ? " FOR UPDATE" : "")
            """, [.string(tiktokShopId)])
        guard let row = rows.first else { return nil }
        let shop = try Self.shop(row)
        guard let access = try row["access_token_ciphertext", as: Data?.self],
            let refresh = try row["refresh_token_ciphertext", as: Data?.self],
            let accessExpiry = shop.accessTokenExpiresAt, let refreshExpiry = shop.refreshTokenExpiresAt
        else { return (shop, nil) }
        return (shop, SealedTokens(access: access, accessExpiresAt: accessExpiry, refresh: refresh, refreshExpiresAt: refreshExpiry))
    }

    /// The row id of shop `tiktokShopId`; nil when it is not connected.
    public func rowId(tiktokShopId: String) throws -> Int64? {
        try connection.fetch(Self.rowIdQuery(tiktokShopId: tiktokShopId))
    }

    /// ``rowId(tiktokShopId:)`` as a query to send with others.
    public static func rowIdQuery(tiktokShopId: String) -> PostgresQuery<Int64?> {
        PostgresQuery("SELECT id FROM shops WHERE tiktok_shop_id = $1", [.string(tiktokShopId)]) {
            try $0.first.map { try $0["id", as: Int64.self] }
        }
    }

    /// The shops holding an access token, oldest connection first.
    public func connectedShopIds() throws -> [String] {
        try connection.query("SELECT tiktok_shop_id FROM shops WHERE access_token_ciphertext IS NOT NULL ORDER BY id")
            .map { try $0["tiktok_shop_id", as: String.self] }
    }

    /// Runs `body` in a transaction on this store's connection (for row locks).
    public func inTransaction<T>(_ body: () throws -> T) throws -> T {
        try connection.withTransaction { _ in try body() }
    }

    private static let shopColumns = """
        tiktok_shop_id, name, region, cipher, access_token_expires_at, refresh_token_expires_at, needs_reauthorization_at
        """

    private static func shop(_ row: PostgresRow) throws -> StoredShop {
        StoredShop(
            tiktokShopId: try row["tiktok_shop_id", as: String.self], name: try row["name", as: String.self],
            region: try row["region", as: String.self], cipher: try row["cipher", as: String.self],
            accessTokenExpiresAt: try row["access_token_expires_at", as: Date?.self],
            refreshTokenExpiresAt: try row["refresh_token_expires_at", as: Date?.self],
            needsReauthorizationSince: try row["needs_reauthorization_at", as: Date?.self])
    }
}
