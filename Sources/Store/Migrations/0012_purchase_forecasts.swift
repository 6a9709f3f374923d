// Migration 12: the forecast behind each purchase order, and how it compared with what sold. A
// later `reorder` of the SKU checks it; `/metrics` serves each SKU's latest realised deviation.

extension Migration {
    /// `purchase_forecasts`.
    public static let purchaseForecasts = Migration(
        version: 12, name: "purchase_forecasts",
        sql: """
            CREATE TABLE purchase_forecasts (
                purchase_order_id bigint PRIMARY KEY REFERENCES purchase_orders (id) ON DELETE CASCADE,
                sku_id text NOT NULL,
                made_at timestamptz NOT NULL,
                expected_units_per_hour double precision NOT NULL CHECK (expected_units_per_hour >= 0),
                evidence text NOT NULL,
                checked_at timestamptz,
                actual_units_per_hour double precision CHECK (actual_units_per_hour >= 0),
                deviation double precision
            );
            CREATE INDEX purchase_forecasts_sku_idx ON purchase_forecasts (sku_id, made_at DESC);
            """)
}
