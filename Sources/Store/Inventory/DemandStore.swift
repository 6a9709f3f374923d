// Sales history per SKU from the orders PostgreSQL holds, counted per viral-detector window,
// which is what the detector measures velocity from.

import Domain
import Foundation

/// Reads units sold and open purchasing for a SKU.
public struct DemandStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Units of `skuId` ordered in each of `windows` (cancelled orders excluded), counted by
    /// PostgreSQL: the same half-open windows as ``SalesWindows/count(_:)``, in one range scan of
    /// `order_lines_sales_idx`.
    public func unitsSold(skuId: String, in windows: SalesWindows) throws -> WindowedUnits {
        let row = try connection.query(
            """
            SELECT coalesce(sum(l.quantity) FILTER (WHERE l.ordered_at > $3), 0)::bigint AS recent,
                   coalesce(sum(l.quantity) FILTER (WHERE l.ordered_at > $4 AND l.ordered_at <= $3), 0)::bigint AS previous,
                   coalesce(sum(l.quantity) FILTER (WHERE l.ordered_at <= $3), 0)::bigint AS baseline
            FROM order_lines l
            WHERE l.sku_id = $1 AND l.ordered_at > $2 AND l.ordered_at <= $5 AND NOT l.cancelled
            """,
            [.string(skuId), .date(windows.baselineStart), .date(windows.recentStart), .date(windows.previousStart),
             .date(windows.now)])[0]
        return WindowedUnits(
            recent: try row["recent", as: Int.self], previous: try row["previous", as: Int.self],
            baseline: try row["baseline", as: Int.self])
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
