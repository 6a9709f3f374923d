// Orders in PostgreSQL: find and lock by TikTok id, insert with lines, and move between states
// only along the state machine's legal transitions (an illegal move throws, never overwrites).

import Domain
import Foundation
import Store

/// Reads and writes `orders` and `order_lines` on one connection.
public struct OrderStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The order with TikTok id `tiktokOrderId`, locked for update when `lock` (inside a transaction).
    public func order(tiktokOrderId: String, lock: Bool = false) throws -> OrderRecord? {
        let rows = try connection.query(
            """
            SELECT \(OrderRecord.columns) FROM orders o JOIN shops s ON s.id = o.shop_id
            WHERE o.tiktok_order_id = $1 \(lock ? "FOR UPDATE OF o" : "")
            """, [.string(tiktokOrderId)])
        return try rows.first.map(OrderRecord.init(row:))
    }

    /// The order's lines, one per SKU with its units.
    public func lines(orderId: Int64) throws -> [OrderLine] {
        try connection.query(
            "SELECT sku_id, sum(quantity)::bigint AS quantity FROM order_lines WHERE order_id = $1 GROUP BY sku_id ORDER BY sku_id",
            [.int64(orderId)]
        ).map { OrderLine(skuId: try $0["sku_id", as: String.self], quantity: try $0["quantity", as: Int.self]) }
    }

    /// Takes a cancelled order's lines out of the SKUs' sales (what the viral detector counts).
    public func markLinesCancelled(orderId: Int64) throws {
        try connection.execute("UPDATE order_lines SET cancelled = true WHERE order_id = $1", [.int64(orderId)])
    }

    /// Moves `order` to `target` if the state machine allows it (a self-transition is a no-op) and
    /// returns the new state; `extra` are further `column = value` assignments ($-numbered from 3).
    @discardableResult
    public func transition(
        _ order: OrderRecord, to target: OrderState, set extra: [(column: String, value: PostgresValue?)] = []
    ) throws -> OrderState {
        let next = try OrderStateMachine.transition(from: order.state, to: target)
        if next == order.state && extra.isEmpty { return next }
        var assignments = ["internal_state = $2", "version = version + 1", "updated_at = now()"]
        var parameters: [PostgresValue?] = [.int64(order.id), .string(next.rawValue)]
        for (column, value) in extra {
            parameters.append(value)
            assignments.append("\(column) = $\(parameters.count)")
        }
        try connection.execute("UPDATE orders SET \(assignments.joined(separator: ", ")) WHERE id = $1", parameters)
        return next
    }

    /// Orders in `states` not updated since `before`, oldest first (what the sweeper re-drives).
    public func stalled(in states: [OrderState], before: Date, limit: Int) throws -> [OrderRecord] {
        let list = "{" + states.map(\.rawValue).joined(separator: ",") + "}"
        return try connection.query(
            """
            SELECT \(OrderRecord.columns) FROM orders o JOIN shops s ON s.id = o.shop_id
            WHERE o.internal_state = ANY($1::text[]) AND o.updated_at < $2
            ORDER BY o.updated_at LIMIT $3
            """, [.string(list), .date(before), .int(limit)]
        ).map(OrderRecord.init(row:))
    }
}
