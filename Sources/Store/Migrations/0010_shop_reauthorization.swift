// Migration 10: a shop whose refresh token TikTok rejected is marked until it is connected again,
// so its jobs wait (without burning attempts) instead of failing one by one.

extension Migration {
    /// `shops.needs_reauthorization_at`.
    public static let shopReauthorization = Migration(
        version: 10, name: "shop_reauthorization",
        sql: "ALTER TABLE shops ADD COLUMN needs_reauthorization_at timestamptz;")
}
