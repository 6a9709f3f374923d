// Whether to place a supplier purchase order for a SKU, of which kind and how many units.

/// The reorder decision of a ``StockForecast``.
public enum PurchaseDecision: Sendable, Equatable {
    /// Stock (plus what is already on order) covers the horizon.
    case none
    /// A normal purchase order at the standard supplier lead time.
    case standard(quantity: Int)
    /// An express purchase order: stock runs out before a standard one would arrive.
    case emergency(quantity: Int)

    /// The order `plan` places: express is an emergency order.
    public init(_ plan: ReplenishmentPlan) {
        if plan.quantity <= 0 {
            self = .none
        } else {
            self = plan.express ? .emergency(quantity: plan.quantity) : .standard(quantity: plan.quantity)
        }
    }

    /// Units to order; 0 for `.none`.
    public var quantity: Int {
        switch self {
        case .none: return 0
        case .standard(let quantity), .emergency(let quantity): return quantity
        }
    }

    /// The `purchase_orders.kind` value (`standard` or `emergency`); nil for `.none`.
    public var kind: String? {
        switch self {
        case .none: return nil
        case .standard: return "standard"
        case .emergency: return "emergency"
        }
    }
}
