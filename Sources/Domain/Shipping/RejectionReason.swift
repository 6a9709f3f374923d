// Why carrier choice passed over one rate.

/// A reason a rate was not eligible.
public enum RejectionReason: Sendable, Equatable, Hashable {
    /// The carrier's circuit breaker is open.
    case breakerOpen
    /// The rate's currency differs from the cost ceiling's.
    case currencyMismatch
    /// The price is above the cost ceiling.
    case overCostCeiling
    /// Slower than the promised delivery (non-HIGH orders only).
    case slowerThanPromised(deliveryDays: Int, promisedDays: Int)
    /// No delivery estimate, so it cannot be shown to meet a promise (non-HIGH orders only).
    case unknownDeliveryDays
}
