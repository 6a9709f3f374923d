// Buyers and their order history: the tier (NEW / REPEAT / VIP) comes from how many orders the
// buyer placed before this one.

import Domain

/// Reads and writes `customers` on one connection.
public struct CustomerStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Counts a new order for `buyerId` and returns the customer's id and tier as of this order.
    /// Call once per order (when the order row is first inserted).
    public func recordOrder(buyerId: String) throws -> (id: Int64, tier: CustomerTier) {
        let rows = try connection.query(
            """
            INSERT INTO customers (tiktok_buyer_id, order_count) VALUES ($1, 1)
            ON CONFLICT (tiktok_buyer_id) DO UPDATE SET order_count = customers.order_count + 1, updated_at = now()
            RETURNING id, order_count
            """, [.string(buyerId)])
        guard let row = rows.first else { throw PipelineError.missing("customer row for buyer \(buyerId)") }
        let id = try row["id", as: Int64.self]
        let tier = CustomerTier(previousOrders: try row["order_count", as: Int.self] - 1)
        try connection.execute("UPDATE customers SET tier = $2 WHERE id = $1 AND tier <> $2", [.int64(id), .string(tier.rawValue)])
        return (id, tier)
    }
}
