// Sales history per SKU from the orders PostgreSQL holds: one timestamp per unit sold, which is
// what the viral detector measures velocity from.

import Foundation
import Store

/// Reads unit sale times and open purchasing for a SKU.
public struct DemandStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// One date per unit of `skuId` ordered after `since` (cancelled orders excluded).
    public func unitDates(skuId: String, since: Date) throws -> [Date] {
        var dates: [Date] = []
        for row in try connection.query(
            """
            SELECT o.ordered_at, sum(l.quantity)::bigint AS units
            FROM order_lines l JOIN orders o ON o.id = l.order_id
            WHERE l.sku_id = $1 AND o.ordered_at > $2 AND o.internal_state <> 'cancelled'
            GROUP BY o.id, o.ordered_at
            """, [.string(skuId), .date(since)])
        {
            let date = try row["ordered_at", as: Date.self]
            dates.append(contentsOf: repeatElement(date, count: try row["units", as: Int.self]))
        }
        return dates
    }

    /// Units of `skuId` on purchase orders not yet received.
    public func onOrder(skuId: String) throws -> Int {
        try connection.query(
            """
            SELECT coalesce(sum(quantity), 0)::bigint AS units FROM purchase_orders
            WHERE sku_id = $1 AND received_at IS NULL AND status IN ('placing', 'placed')
            """, [.string(skuId)]
        ).first.map { try $0["units", as: Int.self] } ?? 0
    }
}
