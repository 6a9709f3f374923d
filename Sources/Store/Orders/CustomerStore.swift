// Buyers and their order history: the tier (NEW / REPEAT / VIP) comes from how many orders the
// buyer placed before this one.

import Domain

/// Reads and writes `customers` on one connection.
public struct CustomerStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Counts a new order for `buyerId` and returns the customer's id and tier as of this order
    /// (its stored tier kept in step in the same statement). Call once per order (when the order
    /// row is first inserted).
    public func recordOrder(buyerId: String) throws -> (id: Int64, tier: CustomerTier) {
        try connection.fetch(Self.recordOrderQuery(buyerId: buyerId))
    }

    /// ``recordOrder(buyerId:)`` as a statement to send with others.
    public static func recordOrderQuery(buyerId: String) -> PostgresQuery<(id: Int64, tier: CustomerTier)> {
        PostgresQuery(
            """
            INSERT INTO customers (tiktok_buyer_id, order_count, tier) VALUES ($1, 1, $2)
            ON CONFLICT (tiktok_buyer_id) DO UPDATE SET order_count = customers.order_count + 1, updated_at = now(),
                tier = CASE WHEN customers.order_count >= $3 THEN $5 WHEN customers.order_count >= $4 THEN $6 ELSE $2 END
            RETURNING id, order_count
            """,
            [
                .string(buyerId), .string(CustomerTier.new.rawValue), .int(CustomerTier.vipFromPreviousOrders),
                .int(CustomerTier.repeatFromPreviousOrders), .string(CustomerTier.vip.rawValue),
                .string(CustomerTier.repeatCustomer.rawValue),
            ]
        ) { rows in
            guard let row = rows.first else { throw PipelineError.missing("customer row for buyer \(buyerId)") }
            return (try row["id", as: Int64.self], CustomerTier(previousOrders: try row["order_count", as: Int.self] - 1))
        }
    }
}
