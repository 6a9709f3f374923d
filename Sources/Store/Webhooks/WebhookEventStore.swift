// The durable intake of webhooks (an outbox): an INSERT idempotent on both deduplication keys,
// one delivery or many at once, plus the reads and the processed mark the worker's relay needs.

import Foundation

/// Reads and writes `webhook_events` through one connection (and so on that connection's thread).
public struct WebhookEventStore {
    /// What `insert` did.
    public enum InsertResult: Sendable, Equatable {
        /// A new row, committed, with its id.
        case inserted(id: Int64)
        /// A row with the same notification id, or the same (type, order_id, update_time), exists.
        case duplicate
    }

    static let columns =
        "id, notification_id, type, shop_id, order_id, order_status, update_time, raw_body, received_at, processed_at"

    private let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Inserts `event` (committed when this returns, unless the caller holds a transaction open);
    /// a delivery matching either unique key writes nothing and reports `.duplicate`.
    public func insert(_ event: NewWebhookEvent) throws -> InsertResult {
        try insert([event])[0]
    }

    /// Inserts `events` with one statement (committed when this returns, unless the caller holds a
    /// transaction open) and returns each one's outcome, in order. An event matching either unique
    /// key of a stored row, or of an earlier event in `events`, writes nothing and is `.duplicate`.
    public func insert(_ events: [NewWebhookEvent]) throws -> [InsertResult] {
        guard !events.isEmpty else { return [] }
        let values = events.flatMap { event -> [PostgresValue?] in
            [
                .string(event.notificationId), .int(event.type), .string(event.shopId),
                event.orderId.map { .string($0) }, event.updateTime.map { .int64($0) }, .bytes(event.rawBody),
                .bool(event.processed), event.orderStatus.map { .string($0) },
            ]
        }
        let sql = events.count <= Self.insertSQLs.count
            ? Self.insertSQLs[events.count - 1] : Self.insertSQL(rowCount: events.count)
        let rows = try connection.query(sql, values)
        var stored: [String: Int64] = [:]
        for row in rows { stored[try row["notification_id", as: String.self]] = try row["id", as: Int64.self] }
        return events.map { event in
            guard let id = stored.removeValue(forKey: event.notificationId) else { return .duplicate }
            return .inserted(id: id)
        }
    }

    /// The most events a batch of deliveries should carry: the INSERTs up to it are written once.
    public static let largestBatch = 32

    /// ``insertSQL(rowCount:)`` for 1 to ``largestBatch`` events.
    static let insertSQLs = (1...largestBatch).map(insertSQL(rowCount:))

    /// The INSERT for `rowCount` events: every placeholder cast, since a VALUES list in a SELECT
    /// gives its parameters no type of its own.
    static func insertSQL(rowCount: Int) -> String {
        let types = ["text", "int", "text", "text", "bigint", "bytea", "bool", "text"]
        let rows = (0..<rowCount).map { row in
            let values = types.enumerated().map { "$\(row * types.count + $0.offset + 1)::\($0.element)" }
            return "(" + values.joined(separator: ", ") + ")"
        }
        return """
            INSERT INTO webhook_events (notification_id, type, shop_id, order_id, update_time, raw_body, processed_at, order_status)
            SELECT v.notification_id, v.type, v.shop_id, v.order_id, v.update_time, v.raw_body,
                   CASE WHEN v.processed THEN now() END, v.order_status
            FROM (VALUES \(rows.joined(separator: ", ")))
                AS v (notification_id, type, shop_id, order_id, update_time, raw_body, processed, order_status)
            ON CONFLICT DO NOTHING
            RETURNING id, notification_id
            """
    }

    /// Sets `processed_at = now()` on event `id`; returns false when it was already set or no such row exists.
    @discardableResult
    public func markProcessed(id: Int64) throws -> Bool {
        try connection.execute(
            Self.markProcessedSQL, [.int64(id)]) == 1
    }

    /// Sets `processed_at = now()` on event `id` with the caller's transaction's next statement or
    /// its COMMIT (see `PostgresConnection.executeLater`).
    public func markProcessedLater(id: Int64) throws {
        try connection.executeLater(Self.markProcessedSQL, [.int64(id)])
    }

    private static let markProcessedSQL = "UPDATE webhook_events SET processed_at = now() WHERE id = $1 AND processed_at IS NULL"

    /// Events still unprocessed that arrived before `cutoff`, oldest first, at most `limit`.
    public func unprocessed(olderThan cutoff: Date, limit: Int) throws -> [StoredWebhookEvent] {
        let rows = try connection.query(
            """
            SELECT \(Self.columns) FROM webhook_events
            WHERE processed_at IS NULL AND received_at < $1
            ORDER BY received_at, id
            LIMIT $2
            """, [.date(cutoff), .int(max(limit, 0))])
        return try rows.map(StoredWebhookEvent.init(row:))
    }

    /// What the relay must enqueue (again), at most `limit`: first the unprocessed events whose
    /// enqueue failed at intake (oldest first), then those whose last enqueue (or arrival) is older
    /// than `cutoff` (a job Redis lost after a good enqueue).
    public func due(enqueuedBefore cutoff: Date, limit: Int) throws -> [StoredWebhookEvent] {
        let rows = try connection.query(
            """
            (SELECT \(Self.columns) FROM webhook_events
             WHERE enqueue_failed_at IS NOT NULL AND processed_at IS NULL
             ORDER BY id LIMIT $2)
            UNION ALL
            (SELECT \(Self.columns) FROM webhook_events
             WHERE processed_at IS NULL AND enqueue_failed_at IS NULL AND coalesce(last_enqueued_at, received_at) < $1
             ORDER BY coalesce(last_enqueued_at, received_at), id LIMIT $2)
            LIMIT $2
            """, [.date(cutoff), .int(max(limit, 0))])
        return try rows.map(StoredWebhookEvent.init(row:))
    }

    /// Records that the receiver could not enqueue event `id`'s job: the relay enqueues it as soon
    /// as Redis answers.
    public func markEnqueueFailed(id: Int64) throws {
        try connection.execute(
            "UPDATE webhook_events SET enqueue_failed_at = now() WHERE id = $1 AND processed_at IS NULL", [.int64(id)])
    }

    /// Records that events `ids` were enqueued again at `time`.
    public func markEnqueued(ids: [Int64], at time: Date) throws {
        if ids.isEmpty { return }
        let list = PostgresArray.int64(ids)
        try connection.execute(
            "UPDATE webhook_events SET last_enqueued_at = $2, enqueue_failed_at = NULL WHERE id = ANY($1::bigint[])",
            [.string(list), .date(time)])
    }

    /// Event `id`, or nil when there is none.
    public func event(id: Int64) throws -> StoredWebhookEvent? {
        let rows = try connection.query(
            "SELECT \(Self.columns) FROM webhook_events WHERE id = $1", [.int64(id)])
        return try rows.first.map(StoredWebhookEvent.init(row:))
    }
}
