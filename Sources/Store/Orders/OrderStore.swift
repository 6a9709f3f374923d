// Orders in PostgreSQL: find and lock by TikTok id, insert with lines, and move between states
// only along the state machine's legal transitions (an illegal move throws, never overwrites).

import Domain
import Foundation

/// Reads and writes `orders` and `order_lines` on one connection.
public struct OrderStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The order with TikTok id `tiktokOrderId`, locked for update when `lock` (inside a transaction).
    public func order(tiktokOrderId: String, lock: Bool = false) throws -> OrderRecord? {
        try connection.fetch(Self.orderQuery(tiktokOrderId: tiktokOrderId, lock: lock))
    }

    /// ``order(tiktokOrderId:lock:)`` as a query to send with others.
    public static func orderQuery(tiktokOrderId: String, lock: Bool = false) -> PostgresQuery<OrderRecord?> {
        PostgresQuery(
            """
            SELECT \(OrderRecord.columns) FROM orders o JOIN shops s ON s.id = o.shop_id
            WHERE o.tiktok_order_id = $1 \(lock ? "FOR UPDATE OF o" : "")
            """, [.string(tiktokOrderId)]
        ) { try $0.first.map(OrderRecord.init(row:)) }
    }

    /// Inserts `order` and its lines in one statement, sent with the transaction's next statement
    /// or its COMMIT (see `PostgresConnection.executeLater`).
    public func insert(_ order: NewOrder) throws {
        try connection.executeLater(
            """
            WITH o AS (
                INSERT INTO orders (tiktok_order_id, shop_id, customer_id, status, internal_state, priority_score, priority,
                                    queue, shipping_address, ordered_at, tiktok_update_time, package_id, line_item_ids)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13::text[])
                RETURNING id
            )
            INSERT INTO order_lines (order_id, sku_id, quantity, unit_price_minor, currency, ordered_at)
            SELECT o.id, l.sku_id, l.quantity, l.unit_price_minor, $14, $10
            FROM o, unnest($15::text[], $16::bigint[], $17::bigint[]) AS l(sku_id, quantity, unit_price_minor)
            """,
            [
                .string(order.tiktokOrderId), .int64(order.shopRowId), order.customerId.map { .int64($0) },
                .string(order.status), .string(order.state.rawValue), .int(order.priorityScore), .string(order.priority),
                .string(order.queue), order.addressJSON.map { .json($0) }, .date(order.orderedAt),
                .int64(order.tiktokUpdateTime), order.packageId.map { .string($0) },
                .string(PostgresArray.text(order.lineItemIds)), .string(order.currency),
                .string(PostgresArray.text(order.lines.map(\.skuId))),
                .string(PostgresArray.int64(order.lines.map { Int64($0.quantity) })),
                .string(PostgresArray.int64(order.lines.map { Int64($0.unitPriceMinor) })),
            ])
    }

    /// Whether the JSON text `address` is the same document as the order's stored `stored` (compared as jsonb).
    public func isSameAddress(_ address: String, as stored: String?) throws -> Bool {
        guard let stored else { return false }
        return try connection.query("SELECT $1::jsonb = $2::jsonb AS same", [.string(address), .string(stored)])[0][
            "same", as: Bool.self]
    }

    /// Backordered orders with a line of `skuId`, highest priority first, then oldest: their TikTok
    /// ids and step queues.
    public func backordered(skuId: String) throws -> [(tiktokOrderId: String, queue: String)] {
        try connection.query(
            """
            SELECT o.tiktok_order_id, coalesce(o.queue, 'default') AS queue FROM orders o
            WHERE o.internal_state = 'backordered'
              AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.sku_id = $1)
            ORDER BY o.priority_score DESC NULLS LAST, o.ordered_at NULLS LAST, o.id
            """, [.string(skuId)]
        ).map { (try $0["tiktok_order_id", as: String.self], try $0["queue", as: String.self]) }
    }

    /// The TikTok shop of the latest order with a line of `skuId` (by when it was ordered; the
    /// newest order on a tie); nil when no order has one. One entry read from the end of the SKU's
    /// range of `order_lines_sku_recency_idx`.
    public func latestSellingShop(skuId: String) throws -> String? {
        try connection.query(Self.latestSellingShopSQL, [.string(skuId)]).first.map {
            try $0["tiktok_shop_id", as: String.self]
        }
    }

    /// ``latestSellingShop(skuId:)``'s statement ($1: the SKU).
    static let latestSellingShopSQL = """
        SELECT s.tiktok_shop_id FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN shops s ON s.id = o.shop_id
        WHERE l.sku_id = $1 ORDER BY l.ordered_at DESC, l.order_id DESC LIMIT 1
        """

    /// The order's lines, one per SKU with its units.
    public func lines(orderId: Int64) throws -> [OrderLine] {
        try connection.query(
            "SELECT sku_id, sum(quantity)::bigint AS quantity FROM order_lines WHERE order_id = $1 GROUP BY sku_id ORDER BY sku_id",
            [.int64(orderId)]
        ).map { OrderLine(skuId: try $0["sku_id", as: String.self], quantity: try $0["quantity", as: Int.self]) }
    }

    /// The lines of the order with TikTok id `tiktokOrderId`, as ``lines(orderId:)``, as a query to
    /// send with others.
    public static func linesQuery(tiktokOrderId: String) -> PostgresQuery<[OrderLine]> {
        PostgresQuery(
            """
            SELECT l.sku_id, sum(l.quantity)::bigint AS quantity FROM order_lines l JOIN orders o ON o.id = l.order_id
            WHERE o.tiktok_order_id = $1 GROUP BY l.sku_id ORDER BY l.sku_id
            """, [.string(tiktokOrderId)]
        ) { rows in
            try rows.map { OrderLine(skuId: try $0["sku_id", as: String.self], quantity: try $0["quantity", as: Int.self]) }
        }
    }

    /// Takes a cancelled order's lines out of the SKUs' sales (what the viral detector counts), with
    /// the transaction's next statement or its COMMIT (see `PostgresConnection.executeLater`).
    public func markLinesCancelled(orderId: Int64) throws {
        try connection.executeLater("UPDATE order_lines SET cancelled = true WHERE order_id = $1", [.int64(orderId)])
    }

    /// The assignments that move an order to the state in parameter `$n`, bumping its version.
    static func stateAssignments(stateParameter n: Int) -> String {
        "internal_state = $\(n), version = version + 1, updated_at = now()"
    }

    /// Moves `order` to `target` if the state machine allows it (a self-transition is a no-op) and
    /// returns the new state; `extra` are further `column = value` assignments ($-numbered from 3).
    @discardableResult
    public func transition(
        _ order: OrderRecord, to target: OrderState, set extra: [(column: String, value: PostgresValue?)] = []
    ) throws -> OrderState {
        let next = try OrderStateMachine.transition(from: order.state, to: target)
        if next == order.state && extra.isEmpty { return next }
        var assignments = [Self.stateAssignments(stateParameter: 2)]
        var parameters: [PostgresValue?] = [.int64(order.id), .string(next.rawValue)]
        for (column, value) in extra {
            parameters.append(value)
            assignments.append("\(column) = $\(parameters.count)")
        }
        try connection.executeLater("UPDATE orders SET \(assignments.joined(separator: ", ")) WHERE id = $1", parameters)
        return next
    }

    /// Stores TikTok's `status` text on the order with TikTok id `tiktokOrderId` if it is in
    /// `state`, and marks webhook event `eventId` processed with it, in one statement (one
    /// implicit transaction); returns whether the order was in `state`. For a webhook that only
    /// confirms where an order already is: the state does not change.
    public func confirmStatus(_ status: String, tiktokOrderId: String, in state: OrderState, eventId: Int64?) throws -> Bool {
        try connection.query(
            """
            WITH confirmed AS (
                UPDATE orders SET status = $2, version = version + 1, updated_at = now()
                WHERE tiktok_order_id = $1 AND internal_state = $3
                RETURNING id
            ), processed AS (
                UPDATE webhook_events SET processed_at = now()
                WHERE id = $4 AND processed_at IS NULL AND EXISTS (SELECT 1 FROM confirmed)
            )
            SELECT count(*) AS confirmed FROM confirmed
            """, [.string(tiktokOrderId), .string(status), .string(state.rawValue), eventId.map { .int64($0) }]
        )[0]["confirmed", as: Int.self] > 0
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
