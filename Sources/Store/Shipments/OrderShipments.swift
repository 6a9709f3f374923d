// Every shipment one order has had, as the label and tracking-sync handlers read them in one query.

/// An order's shipments, oldest first.
public struct OrderShipments: Sendable, Equatable {
    public var all: [ShipmentRecord]

    /// The live one (`rated` or `purchased`; at most one, by a unique partial index), if any.
    public var live: ShipmentRecord? { all.last { $0.status == .rated || $0.status == .purchased } }
}
