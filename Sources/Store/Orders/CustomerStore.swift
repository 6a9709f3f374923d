// Buyers and their order history: the tier (NEW / REPEAT / VIP) comes from how many orders the
// buyer placed before this one.

import Domain

/// Reads and writes `customers` on one connection.
public struct CustomerStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Counts order `tiktokOrderId` for `buyerId` unless that order is already stored, and returns
    /// the customer's id and tier as of this order (its stored tier kept in step in the same
    /// statement); nil, with nothing counted, when the order is stored. Call when the order row is
    /// about to be inserted.
    public func recordOrder(buyerId: String, tiktokOrderId: String) throws -> (id: Int64, tier: CustomerTier)? {
        try connection.fetch(Self.recordOrderQuery(buyerId: buyerId, tiktokOrderId: tiktokOrderId))
    }

    /// ``recordOrder(buyerId:tiktokOrderId:)`` as a statement to send with others (such as the
    /// read that finds the order stored or not).
    public static func recordOrderQuery(buyerId: String, tiktokOrderId: String)
        -> PostgresQuery<(id: Int64, tier: CustomerTier)?>
    {
        PostgresQuery(
            """
            INSERT INTO customers (tiktok_buyer_id, order_count, tier)
            SELECT $1::text, 1, $2::text WHERE NOT EXISTS (SELECT 1 FROM orders WHERE tiktok_order_id = $7)
            ON CONFLICT (tiktok_buyer_id) DO UPDATE SET order_count = customers.order_count + 1, updated_at = now(),
                tier = CASE WHEN customers.order_count >= $3 THEN $5 WHEN customers.order_count >= $4 THEN $6 ELSE $2 END
            RETURNING id, order_count
            """,
            [
                .string(buyerId), .string(CustomerTier.new.rawValue), .int(CustomerTier.vipFromPreviousOrders),
                .int(CustomerTier.repeatFromPreviousOrders), .string(CustomerTier.vip.rawValue),
                .string(CustomerTier.repeatCustomer.rawValue), .string(tiktokOrderId),
            ]
        ) { rows in
            try rows.first.map {
                (try $0["id", as: Int64.self], CustomerTier(previousOrders: try $0["order_count", as: Int.self] - 1))
            }
        }
    }
}
