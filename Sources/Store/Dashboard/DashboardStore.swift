// The dashboard's reads: each panel's rows in one statement, shaped as JSON by PostgreSQL where no
// domain rule applies to them, and scoped to the viewer's shops.

import Domain
import Foundation

/// Reads what the dashboard shows. Every method is one statement.
public struct DashboardStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Runs `body`'s reads in one read-only repeatable-read transaction: every panel from the same
    /// moment, with the transactions that moment includes.
    public func consistentRead<T>(_ body: (DashboardStore) throws -> T) throws -> (T, TransactionSnapshot) {
        try connection.withTransaction { db in
            try db.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            let text = try db.query("SELECT pg_current_snapshot()::text AS snapshot")[0]["snapshot", as: String.self]
            guard let snapshot = TransactionSnapshot(text) else {
                throw PostgresError(kind: .decoding, message: "unreadable pg_current_snapshot(): \(text)")
            }
            return (try body(DashboardStore(connection: db)), snapshot)
        }
    }

    /// Row ids of the shops with these TikTok shop ids or row ids (a token names either).
    public func shopIds(matching names: [String]) throws -> [Int64] {
        try connection.query(
            "SELECT id FROM shops WHERE tiktok_shop_id = ANY($1::text[]) OR id::text = ANY($1::text[]) ORDER BY id",
            [.string(PostgresArray.text(names))]
        ).map { try $0["id", as: Int64.self] }
    }

    /// The SKUs a creator's shops have sold or tagged in a video.
    public func skus(of scope: DashboardScope) throws -> [String] {
        try connection.query(
            """
            SELECT sku_id FROM inventory i WHERE $1::bigint[] IS NULL
               OR EXISTS (SELECT 1 FROM order_lines l JOIN orders o ON o.id = l.order_id
                          WHERE l.sku_id = i.sku_id AND o.shop_id = ANY($1::bigint[]))
               OR EXISTS (SELECT 1 FROM content_video_products p
                          WHERE p.product_id = i.product_id AND p.shop_id = ANY($1::bigint[]))
            ORDER BY sku_id
            """, [scope.parameter]
        ).map { try $0["sku_id", as: String.self] }
    }

    /// `{"by_state": {state: n}, "by_band": {HIGH: n, ...}, "total": n}` for the scope's orders.
    public func orderCountsJSON(_ scope: DashboardScope) throws -> String {
        try connection.query(
            """
            WITH scoped AS (SELECT internal_state, coalesce(priority, 'UNSCORED') AS band FROM orders
                            WHERE $1::bigint[] IS NULL OR shop_id = ANY($1::bigint[]))
            SELECT json_build_object(
                'by_state', coalesce((SELECT json_object_agg(internal_state, n) FROM
                    (SELECT internal_state, count(*) AS n FROM scoped GROUP BY internal_state) s), '{}'),
                'by_band', coalesce((SELECT json_object_agg(band, n) FROM
                    (SELECT band, count(*) AS n FROM scoped GROUP BY band) b), '{}'),
                'total', (SELECT count(*) FROM scoped))::text AS counts
            """, [scope.parameter]
        )[0]["counts", as: String.self]
    }

    /// The scope's newest `limit` orders, newest first, with their label's carrier and tracking
    /// number: the same object shape as the `order.created` / `order.updated` events.
    public func recentOrdersJSON(_ scope: DashboardScope, limit: Int) throws -> String {
        try connection.query(
            """
            SELECT coalesce(json_agg(json_build_object(
                'id', o.id, 'tiktok_order_id', o.tiktok_order_id, 'state', o.internal_state, 'shop', o.shop_id,
                'priority', o.priority, 'score', o.priority_score, 'version', o.version,
                'carrier', s.carrier, 'tracking_number', s.tracking_number,
                'created_at', o.created_at, 'updated_at', o.updated_at) ORDER BY o.id DESC), '[]')::text AS orders
            FROM (SELECT * FROM orders WHERE $1::bigint[] IS NULL OR shop_id = ANY($1::bigint[])
                  ORDER BY id DESC LIMIT $2) o
            LEFT JOIN LATERAL (SELECT carrier, tracking_number FROM shipments
                               WHERE order_id = o.id AND status = 'purchased' ORDER BY id DESC LIMIT 1) s ON true
            """, [scope.parameter, .int(limit)]
        )[0]["orders", as: String.self]
    }

    /// One order and its timeline (webhooks, job attempts, reservations, shipments, tracking
    /// scans, oldest first) as a JSON object, or `nil` when it is not in the scope.
    public func orderTimelineJSON(orderId: Int64, _ scope: DashboardScope) throws -> String? {
        try connection.query(
            """
            WITH o AS (SELECT * FROM orders WHERE id = $1 AND ($2::bigint[] IS NULL OR shop_id = ANY($2::bigint[])))
            SELECT json_build_object(
                'order', json_build_object('id', o.id, 'tiktok_order_id', o.tiktok_order_id, 'state', o.internal_state,
                    'status', o.status, 'priority', o.priority, 'score', o.priority_score, 'shop', o.shop_id,
                    'created_at', o.created_at, 'updated_at', o.updated_at, 'shipped_at', o.shipped_at),
                'timeline', coalesce((SELECT json_agg(e ORDER BY e.at, e.kind) FROM (
                    SELECT received_at AS at, 'webhook' AS kind,
                           'type ' || type || coalesce(' ' || order_status, '') AS what, NULL::text AS outcome,
                           NULL::double precision AS duration_ms
                    FROM webhook_events WHERE order_id = o.tiktok_order_id
                    UNION ALL
                    SELECT finished_at, 'job', kind || ' attempt ' || attempt, outcome || coalesce(': ' || error, ''),
                           duration_ms
                    FROM job_runs WHERE correlation = o.tiktok_order_id
                    UNION ALL
                    SELECT created_at, 'reservation', sku_id || ' × ' || quantity, state, NULL
                    FROM reservations WHERE order_id = o.id
                    UNION ALL
                    SELECT coalesce(bought_at, created_at), 'label',
                           carrier || ' ' || service || coalesce(' ' || tracking_number, ''), status, NULL
                    FROM shipments WHERE order_id = o.id
                    UNION ALL
                    SELECT t.occurred_at, 'tracking', t.status, NULL, NULL
                    FROM tracking_events t JOIN shipments s ON s.id = t.shipment_id WHERE s.order_id = o.id
                ) e), '[]'))::text AS page
            FROM o
            """, [.int64(orderId), scope.parameter]
        ).first.map { try $0["page", as: String.self] }
    }

    /// Every SKU of `skus` (all when `nil`) with its stock, units sold in `windows`, backordered
    /// orders and open purchase orders.
    public func stock(skus: [String]?, windows: SalesWindows) throws -> [DashboardStockRow] {
        try connection.query(
            """
            SELECT i.sku_id, i.on_hand, i.reserved,
                   coalesce(d.recent, 0) AS recent, coalesce(d.previous, 0) AS previous, coalesce(d.baseline, 0) AS baseline,
                   (SELECT count(DISTINCT o.id) FROM orders o JOIN order_lines l ON l.order_id = o.id
                    WHERE l.sku_id = i.sku_id AND o.internal_state = 'backordered') AS backordered,
                   coalesce((SELECT json_agg(json_build_object('id', p.id, 'quantity', p.quantity, 'status', p.status,
                                                                'expected_at', p.expected_at) ORDER BY p.expected_at)
                             FROM purchase_orders p WHERE p.sku_id = i.sku_id AND p.received_at IS NULL
                               AND p.status IN ('placing', 'placed')), '[]')::text AS purchases
            FROM inventory i
            LEFT JOIN LATERAL (
                SELECT sum(l.quantity) FILTER (WHERE l.ordered_at > $3) AS recent,
                       sum(l.quantity) FILTER (WHERE l.ordered_at > $4 AND l.ordered_at <= $3) AS previous,
                       sum(l.quantity) FILTER (WHERE l.ordered_at <= $3) AS baseline
                FROM order_lines l
                WHERE l.sku_id = i.sku_id AND l.ordered_at > $2 AND l.ordered_at <= $5 AND NOT l.cancelled) d ON true
            WHERE $1::text[] IS NULL OR i.sku_id = ANY($1::text[])
            ORDER BY i.sku_id
            """,
            [skus.map { .string(PostgresArray.text($0)) }, .date(windows.baselineStart), .date(windows.recentStart),
             .date(windows.previousStart), .date(windows.now)]
        ).map { row in
            DashboardStockRow(
                skuId: try row["sku_id", as: String.self], onHand: try row["on_hand", as: Int.self],
                reserved: try row["reserved", as: Int.self],
                units: WindowedUnits(
                    recent: try row["recent", as: Int.self], previous: try row["previous", as: Int.self],
                    baseline: try row["baseline", as: Int.self]),
                backordered: try row["backordered", as: Int.self], openPurchasesJSON: try row["purchases", as: String.self])
        }
    }

    /// Open alerts and the `resolvedLimit` most recently resolved, newest first, as a JSON array
    /// of the `alert.raised` events' alert objects.
    public func alertsJSON(resolvedLimit: Int) throws -> String {
        try connection.query(
            """
            SELECT coalesce(json_agg(json_build_object('id', id, 'key', key, 'severity', severity, 'state', state,
                'message', left(message, 1000), 'opened_at', opened_at, 'resolved_at', resolved_at)
                ORDER BY coalesce(resolved_at, opened_at) DESC), '[]')::text AS alerts
            FROM (SELECT * FROM alerts WHERE state = 'open'
                  UNION ALL
                  (SELECT * FROM alerts WHERE state <> 'open' ORDER BY resolved_at DESC NULLS LAST LIMIT $1)) a
            """, [.int(resolvedLimit)]
        )[0]["alerts", as: String.self]
    }

    /// The latest probe's rows (`overall` included) as the `checks` array of a `health.update` event.
    public func latestHealthJSON() throws -> String {
        try connection.query(
            """
            SELECT coalesce(json_agg(json_build_object('subsystem', subsystem, 'status', status, 'score', score,
                'checked_at', checked_at) ORDER BY subsystem), '[]')::text AS checks
            FROM health_checks WHERE checked_at = (SELECT max(checked_at) FROM health_checks)
            """
        )[0]["checks", as: String.self]
    }
}
