// TikTok Shop's order status values (API 202309) and how they map onto CreatorFlow's states.

/// An order status as TikTok Shop reports it (`status` in order detail, `order_status` in webhooks).
public enum TikTokOrderStatus: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case unpaid = "UNPAID"
    case onHold = "ON_HOLD"
    case awaitingShipment = "AWAITING_SHIPMENT"
    case partiallyShipping = "PARTIALLY_SHIPPING"
    case awaitingCollection = "AWAITING_COLLECTION"
    case inTransit = "IN_TRANSIT"
    case delivered = "DELIVERED"
    case completed = "COMPLETED"
    case cancelled = "CANCELLED"

    /// Whether CreatorFlow should fulfil the order now: only `AWAITING_SHIPMENT` and not on hold.
    public func isFulfillable(isOnHold: Bool) -> Bool { self == .awaitingShipment && !isOnHold }

    /// The CreatorFlow state this status corresponds to. `UNPAID`, `ON_HOLD` and on-hold orders map
    /// to `awaiting`; `AWAITING_SHIPMENT` to `classified`; `PARTIALLY_SHIPPING`,
    /// `AWAITING_COLLECTION` and `IN_TRANSIT` to `shipped`; `DELIVERED` and `COMPLETED` to
    /// `delivered`; `CANCELLED` to `cancelled`.
    public func orderState(isOnHold: Bool) -> OrderState {
        switch self {
        case .unpaid, .onHold: return .awaiting
        case .awaitingShipment: return isOnHold ? .awaiting : .classified
        case .partiallyShipping, .awaitingCollection, .inTransit: return .shipped
        case .delivered, .completed: return .delivered
        case .cancelled: return .cancelled
        }
    }

    /// Whether this status, as a webhook reports it, only confirms where an order already is after
    /// shipping (`AWAITING_COLLECTION` for an order we shipped, say: the echo of our own
    /// mark-shipped call). Such a notification changes nothing a fetch of the order could show,
    /// since fulfilment statuses are CreatorFlow's to decide and cancellation is no longer possible.
    public func onlyConfirms(_ local: OrderState) -> Bool {
        local.hasShipped && orderState(isOnHold: false) == local
    }
}
