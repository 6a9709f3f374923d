// The life of a `shipments` row.

/// Where a shipment's label stands.
public enum ShipmentStatus: String, Sendable, Equatable, CaseIterable {
    /// Created at the carrier aggregator, rates known, nothing bought yet.
    case rated
    /// Label bought: tracking number and label URL known.
    case purchased
    /// The order was cancelled or its address changed: the label must be refunded.
    case voidRequested = "void_requested"
    /// The carrier accepted the refund.
    case refunded
}
