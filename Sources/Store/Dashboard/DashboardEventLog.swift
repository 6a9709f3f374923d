// The table the dashboard's triggers append their events to (migration 14), read by each web
// process in id order. Ids are taken when a row is written but seen only when its transaction
// commits, so a reader asks again for the ids it skipped (`DashboardEventCursor`).

/// One event as its trigger wrote it.
public struct LoggedDashboardEvent: Sendable, Equatable {
    public var id: Int64
    /// The event's JSON (`type`, routing fields, `at`, `txid` and the changed row).
    public var payload: String
}

/// Reads `dashboard_events`.
public struct DashboardEventLog {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The newest id committed so far (0 when the table is empty).
    public func latestId() throws -> Int64 {
        try connection.query("SELECT coalesce(max(id), 0)::bigint AS id FROM dashboard_events")[0]["id", as: Int64.self]
    }

    /// Committed events after `id` (at most `limit`), and those among `skipped` that have committed
    /// since, in id order. Two statements in one round trip, each an index scan whatever plan the
    /// prepared statement settles on (one `OR` made the generic plan scan the whole table).
    public func events(after id: Int64, orAmong skipped: [Int64], limit: Int) throws -> [LoggedDashboardEvent] {
        let newer = PostgresQuery(
            "SELECT id, payload FROM dashboard_events WHERE id > $1 ORDER BY id LIMIT $2", [.int64(id), .int(limit)],
            decode: Self.decode)
        let late =
            skipped.isEmpty
            ? .constant([])
            : PostgresQuery(
                "SELECT id, payload FROM dashboard_events WHERE id = ANY($1::bigint[])",
                [.string(PostgresArray.int64(skipped))], decode: Self.decode)
        let (after, awaited) = try connection.fetch(newer, late)
        return (awaited + after).sorted { $0.id < $1.id }
    }

    private static func decode(_ rows: PostgresRows) throws -> [LoggedDashboardEvent] {
        try rows.map { LoggedDashboardEvent(id: try $0["id", as: Int64.self], payload: try $0["payload", as: String.self]) }
    }
}
