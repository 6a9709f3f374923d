// Migration 8: each order line carries its order's `ordered_at` (set once, never changed) and
// whether the order was cancelled, with a partial index on the SKU's live sales, so a SKU's sales
// in the viral detector's windows are one index range scan instead of a join over every order of
// the last day.

extension Migration {
    /// `order_lines.ordered_at`, `order_lines.cancelled` and `order_lines_sales_idx`.
    public static let orderLineSalesIndex = Migration(
        version: 8, name: "order_line_sales_index",
        sql: """
            ALTER TABLE order_lines ADD COLUMN ordered_at timestamptz, ADD COLUMN cancelled boolean NOT NULL DEFAULT false;
            UPDATE order_lines l SET ordered_at = coalesce(o.ordered_at, o.created_at), cancelled = o.internal_state = 'cancelled'
            FROM orders o WHERE o.id = l.order_id;
            ALTER TABLE order_lines ALTER COLUMN ordered_at SET NOT NULL;
            CREATE INDEX order_lines_sales_idx ON order_lines (sku_id, ordered_at) INCLUDE (quantity) WHERE NOT cancelled;
            """)
}
