// What the sweeper reads and writes on `orders`: cancelled orders whose label refund is still
// pending, and the claim that stamps re-driven orders so one stall is re-driven once per window.

import Domain
import Foundation

extension OrderStore {
    /// Cancelled orders not updated since `before` that still have a shipment waiting for its
    /// refund (`void_requested`), oldest first.
    public func cancelledAwaitingRefund(before: Date, limit: Int) throws -> [OrderRecord] {
        try connection.query(
            """
            SELECT \(OrderRecord.columns) FROM orders o JOIN shops s ON s.id = o.shop_id
            WHERE o.internal_state = 'cancelled' AND o.updated_at < $1
              AND EXISTS (SELECT 1 FROM shipments sh WHERE sh.order_id = o.id AND sh.status = 'void_requested')
            ORDER BY o.updated_at LIMIT $2
            """, [.date(before), .int(limit)]
        ).map(OrderRecord.init(row:))
    }

    /// Stamps `updated_at = now()` on those of `ids` still not updated since `before` and returns
    /// them: orders that moved meanwhile (or that another sweeper claimed) are left out.
    public func claimStalled(_ ids: [Int64], before: Date) throws -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        return Set(
            try connection.query(
                "UPDATE orders SET updated_at = now() WHERE id = ANY($1::bigint[]) AND updated_at < $2 RETURNING id",
                [.string(PostgresArray.int64(ids)), .date(before)]
            ).map { try $0["id", as: Int64.self] })
    }
}
