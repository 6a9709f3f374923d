// Migration 6: the TikTok line item ids of an order, stored at classify, so marking it shipped
// needs no second read of the order from TikTok Shop (one request fewer per order under quota).

extension Migration {
    /// `orders.line_item_ids`.
    public static let orderLineItems = Migration(
        version: 6, name: "order_line_items",
        sql: "ALTER TABLE orders ADD COLUMN line_item_ids text[];")
}
