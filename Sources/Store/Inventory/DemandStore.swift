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
        try connection.fetch(Self.unitsSoldQuery(skuId: skuId, in: windows))
    }

    /// ``unitsSold(skuId:in:)`` as a query to send with others.
    public static func unitsSoldQuery(skuId: String, in windows: SalesWindows) -> PostgresQuery<WindowedUnits> {
        PostgresQuery(
            """
            SELECT coalesce(sum(l.quantity) FILTER (WHERE l.ordered_at > $3), 0)::bigint AS recent,
                   coalesce(sum(l.quantity) FILTER (WHERE l.ordered_at > $4 AND l.ordered_at <= $3), 0)::bigint AS previous,
                   coalesce(sum(l.quantity) FILTER (WHERE l.ordered_at <= $3), 0)::bigint AS baseline
            FROM order_lines l
            WHERE l.sku_id = $1 AND l.ordered_at > $2 AND l.ordered_at <= $5 AND NOT l.cancelled
            """,
            [.string(skuId), .date(windows.baselineStart), .date(windows.recentStart), .date(windows.previousStart),
             .date(windows.now)]
        ) { rows in
            let row = rows[0]
            return WindowedUnits(
                recent: try row["recent", as: Int.self], previous: try row["previous", as: Int.self],
                baseline: try row["baseline", as: Int.self])
        }
    }

    /// Units of `skuId` ordered in `(start, end]`, cancelled orders excluded.
    public func unitsSold(skuId: String, after start: Date, through end: Date) throws -> Int {
        try connection.query(
            """
            SELECT coalesce(sum(quantity), 0)::bigint AS units FROM order_lines
            WHERE sku_id = $1 AND ordered_at > $2 AND ordered_at <= $3 AND NOT cancelled
            """, [.string(skuId), .date(start), .date(end)]
        )[0]["units", as: Int.self]
    }

    /// Units of `skuId` ordered per hour over the `hours` hours ending at `end` (cancelled orders
    /// excluded), oldest first: element `hours − 1` counts `(end − 1 h, end]`.
    public func hourlySales(skuId: String, hours: Int, endingAt end: Date) throws -> [Double] {
        var sales = [Double](repeating: 0, count: max(hours, 0))
        let rows = try connection.query(
            """
            SELECT floor(extract(epoch FROM ($3::timestamptz - l.ordered_at)) / 3600)::bigint AS hours_ago,
                   sum(l.quantity)::bigint AS units
            FROM order_lines l
            WHERE l.sku_id = $1 AND l.ordered_at > $2 AND l.ordered_at <= $3 AND NOT l.cancelled
            GROUP BY 1
            """, [.string(skuId), .date(end.addingTimeInterval(-Double(hours) * 3600)), .date(end)])
        for row in rows {
            let index = hours - 1 - (try row["hours_ago", as: Int.self])
            if sales.indices.contains(index) { sales[index] += Double(try row["units", as: Int.self]) }
        }
        return sales
    }

    /// Units of `skuId` on open purchase orders due in each of the `hours` hours after `now`
    /// (element 0 is the next hour); an order already overdue counts in the next hour.
    public func arrivals(skuId: String, hours: Int, after now: Date) throws -> [Double] {
        var arrivals = [Double](repeating: 0, count: max(hours, 0))
        let rows = try connection.query(
            """
            SELECT greatest(floor(extract(epoch FROM (expected_at - $2::timestamptz)) / 3600), 0)::bigint AS hours_ahead,
                   sum(quantity)::bigint AS units
            FROM purchase_orders
            WHERE sku_id = $1 AND received_at IS NULL AND status = 'placed' AND expected_at IS NOT NULL
            GROUP BY 1
            """, [.string(skuId), .date(now)])
        for row in rows {
            let index = try row["hours_ahead", as: Int.self]
            if arrivals.indices.contains(index) { arrivals[index] += Double(try row["units", as: Int.self]) }
        }
        return arrivals
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
