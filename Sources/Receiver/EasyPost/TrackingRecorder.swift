// One tracker update in one transaction: find the shipment, append its scans, and move its order
// to `delivered` when the carrier says so and the order state machine allows it (only from
// `shipped`; a duplicate delivery of `delivered` is a no-op).

import Domain
import Store

/// What recording a tracker update did.
struct TrackingOutcome: Sendable, Equatable {
    let shipmentId: Int64
    let orderId: Int64
    /// New tracking_events rows (the rest were duplicates).
    let added: Int
    /// The order's internal state afterwards.
    let orderState: String
    /// Whether this update moved the order.
    let moved: Bool
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
            var state = shipment.orderState
            var moved = false
            if let target = Self.target(carrierStatus: update.status, orderState: shipment.orderState),
                try store.moveOrder(id: shipment.orderId, from: shipment.orderState, to: target.rawValue)
            {
                state = target.rawValue
                moved = true
            }
            return TrackingOutcome(
                shipmentId: shipment.shipmentId, orderId: shipment.orderId, added: added, orderState: state, moved: moved)
        }
    }

    /// The state a carrier status moves an order to, if any: `delivered` from any state the
    /// machine lets reach it (only `shipped`); never a self-transition.
    static func target(carrierStatus: String, orderState: String) -> OrderState? {
        guard carrierStatus == "delivered", let current = OrderState(rawValue: orderState), current != .delivered,
            OrderStateMachine.canTransition(from: current, to: .delivered)
        else { return nil }
        return .delivered
    }
}
