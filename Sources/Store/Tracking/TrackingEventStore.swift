// Tracking updates in PostgreSQL: find the shipment by tracking number, append its scans to
// tracking_events (idempotent on dedupe_key), and move the order's internal state with a
// compare-and-set, so a concurrent change is never overwritten. Callers wrap the steps in one
// transaction; the decision which state to move to is theirs (Domain), not the store's.

import Foundation

/// Reads shipments and writes tracking events through one connection (on its thread).
public struct TrackingEventStore {
    private let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The shipment with `trackingNumber`, preferring one of `carrier` when several carriers
    /// reuse the number; `nil` when no shipment has it.
    public func shipment(trackingNumber: String, carrier: String?) throws -> TrackedShipment? {
        let rows = try connection.query(
            """
            SELECT s.id AS shipment_id, s.order_id, o.internal_state
            FROM shipments s JOIN orders o ON o.id = s.order_id
            WHERE s.tracking_number = $1
            ORDER BY (lower(s.carrier) = lower(coalesce($2, ''))) DESC, s.id
            LIMIT 1
            """, [.string(trackingNumber), carrier.map { .string($0) }])
        return try rows.first.map(TrackedShipment.init(row:))
    }

    /// Appends `events` to shipment `shipmentId`; events whose dedupe key exists are skipped.
    /// Returns how many rows were new.
    @discardableResult
    public func insert(_ events: [NewTrackingEvent], shipmentId: Int64) throws -> Int {
        if events.isEmpty { return 0 }
        let insert = MultiRowInsert(
            into: "tracking_events", columns: ["shipment_id", "status", "occurred_at", "raw", "dedupe_key"],
            suffix: "ON CONFLICT (dedupe_key) DO NOTHING")
        var written = 0
        var start = events.startIndex
        while start < events.endIndex {
            let batch = events[start..<min(events.endIndex, start + insert.maxRowsPerStatement)]
            let values = batch.flatMap { event -> [PostgresValue?] in
                [.int64(shipmentId), .string(event.status), .date(event.occurredAt), .json(event.rawJSON), .string(event.dedupeKey)]
            }
            written += try connection.execute(insert.sql(rowCount: batch.count), values)
            start = batch.endIndex
        }
        return written
    }

    /// Sets order `orderId` to `target` (version + 1, `updated_at = now()`, and `delivered_at`
    /// when the target is `delivered`) only if its state is still `expected`; returns whether it moved.
    public func moveOrder(id orderId: Int64, from expected: String, to target: String) throws -> Bool {
        try connection.execute(
            """
            UPDATE orders SET internal_state = $3, version = version + 1, updated_at = now(),
                delivered_at = CASE WHEN $3 = 'delivered' THEN now() ELSE delivered_at END
            WHERE id = $1 AND internal_state = $2
            """, [.int64(orderId), .string(expected), .string(target)]) == 1
    }

    /// Shipment `shipmentId`'s order (id and state), locked for update when `lock`, and the newest
    /// carrier status among its scans; `nil` when there is no such shipment.
    public func delivery(shipmentId: Int64, lock: Bool) throws -> (shipment: TrackedShipment, latestStatus: String?)? {
        let rows = try connection.query(
            """
            SELECT s.id AS shipment_id, s.order_id, o.internal_state,
                (SELECT status FROM tracking_events t WHERE t.shipment_id = s.id
                 ORDER BY occurred_at DESC, id DESC LIMIT 1) AS latest_status
            FROM shipments s JOIN orders o ON o.id = s.order_id
            WHERE s.id = $1
            \(lock ? "FOR UPDATE OF o" : "")
            """, [.int64(shipmentId)])
        return try rows.first.map { (try TrackedShipment(row: $0), try $0["latest_status", as: String?.self]) }
    }
}
