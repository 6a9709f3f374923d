// One tracker update in one transaction: find the shipment and append its scans. What the scans
// mean for the order is decided by a worker's `tracking-update` job, not here.

import Store

/// What recording a tracker update did.
struct TrackingOutcome: Sendable, Equatable {
    let shipmentId: Int64
    let orderId: Int64
    /// New tracking_events rows (the rest were duplicates).
    let added: Int
    /// The order's internal state when the scans were stored.
    let orderState: String
}

/// Writes tracker updates through one connection (on its thread).
struct TrackingRecorder {
    let connection: PostgresConnection

    /// Records `rows` of `update`; `nil` when no shipment has its tracking number.
    func record(_ update: TrackerUpdate, rows: [NewTrackingEvent]) throws -> TrackingOutcome? {
        try connection.withTransaction { transaction in
            let store = TrackingEventStore(connection: transaction)
            guard let shipment = try store.shipment(trackingNumber: update.trackingCode, carrier: update.carrier) else {
                return nil
            }
            let added = try store.insert(rows, shipmentId: shipment.shipmentId)
            return TrackingOutcome(
                shipmentId: shipment.shipmentId, orderId: shipment.orderId, added: added, orderState: shipment.orderState)
        }
    }
}
