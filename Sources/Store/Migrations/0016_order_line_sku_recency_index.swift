// Migration 16: a SKU's order lines indexed by when they were ordered. `stock-sync` asks for the
// shop of the SKU's latest order; through the SKU-only index that read every line the SKU ever had
// and sorted them (about 1 ms per sync with a few hundred orders of history, growing with every
// order). The new index answers it by reading one entry from the end of the SKU's range, and still
// serves every lookup by SKU alone, so it replaces the old one: no extra write per order line.

extension Migration {
    /// `order_lines_sku_recency_idx` (SKU, ordered at, order) in place of `order_lines_sku_idx`.
    public static let orderLineSkuRecencyIndex = Migration(
        version: 16, name: "order_line_sku_recency_index",
        sql: """
            CREATE INDEX order_lines_sku_recency_idx ON order_lines (sku_id, ordered_at, order_id);
            DROP INDEX order_lines_sku_idx;
            """)
}
