// The shipment a tracking number belongs to, with its order's current internal state: what a
// tracking update needs to decide whether the order moves on.

/// A shipment found by tracking number, and its order's state.
public struct TrackedShipment: Sendable, Equatable {
    /// `shipments.id`.
    public var shipmentId: Int64
    /// `orders.id` of the shipment's order.
    public var orderId: Int64
    /// `orders.internal_state` (an `OrderState` raw value).
    public var orderState: String

    public init(shipmentId: Int64, orderId: Int64, orderState: String) {
        self.shipmentId = shipmentId
        self.orderId = orderId
        self.orderState = orderState
    }
}

extension TrackedShipment {
    /// Decodes a row selecting `shipment_id`, `order_id` and `internal_state`.
    init(row: PostgresRow) throws {
        self.init(
            shipmentId: try row["shipment_id", as: Int64.self], orderId: try row["order_id", as: Int64.self],
            orderState: try row["internal_state", as: String.self])
    }
}
