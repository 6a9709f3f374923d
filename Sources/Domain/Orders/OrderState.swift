// CreatorFlow's own view of where an order is in fulfilment. The raw values are what the
// `orders.internal_state` column stores.

/// One step of an order's life inside CreatorFlow.
public enum OrderState: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// A webhook named the order; nothing fetched yet.
    case received
    /// Fetched, scored and ready to fulfil (TikTok says `AWAITING_SHIPMENT`, not on hold).
    case classified
    /// Waiting for TikTok: the order is `UNPAID` or `ON_HOLD`; a later status change moves it on.
    case awaiting
    /// Stock is held for every line.
    case reserved
    /// Not enough stock; waiting for a purchase order to arrive.
    case backordered
    /// A carrier label is bought.
    case labelled
    /// TikTok Shop was told the package shipped, with its tracking number.
    case shipped
    /// The carrier reported delivery.
    case delivered
    /// Cancelled before it shipped. Terminal.
    case cancelled
    /// Refunded after it shipped (a return), as TikTok reports. Terminal.
    case refunded

    /// No transition leaves this state.
    public var isTerminal: Bool { self == .cancelled || self == .refunded }

    /// States that CreatorFlow drives (stock and shipping); TikTok's echo of an older status never
    /// rolls these back (see ``StatusConflictResolver``).
    public var isFulfilment: Bool {
        switch self {
        case .reserved, .backordered, .labelled, .shipped, .delivered: return true
        case .received, .classified, .awaiting, .cancelled, .refunded: return false
        }
    }

    /// The package has left: cancellation is no longer possible.
    public var hasShipped: Bool { self == .shipped || self == .delivered || self == .refunded }
}
