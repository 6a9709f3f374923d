// Customer segmentation (S001 `customer_tier`), derived from how many orders the buyer placed before.

/// NEW, REPEAT or VIP, from the buyer's order history.
public enum CustomerTier: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case new = "NEW"
    case repeatCustomer = "REPEAT"
    case vip = "VIP"

    /// Earlier orders needed for REPEAT: 1.
    public static let repeatFromPreviousOrders = 1
    /// Earlier orders needed for VIP: 5.
    public static let vipFromPreviousOrders = 5

    /// The tier for a buyer with `previousOrders` earlier orders (not counting the one being
    /// scored): 0 → NEW, 1–4 → REPEAT, 5 or more → VIP. A negative count is treated as 0.
    public init(previousOrders: Int) {
        if previousOrders >= Self.vipFromPreviousOrders {
            self = .vip
        } else if previousOrders >= Self.repeatFromPreviousOrders {
            self = .repeatCustomer
        } else {
            self = .new
        }
    }

    /// The tier's contribution to the priority score, 0…1: NEW 0, REPEAT 0.5, VIP 1.
    public var weight: Double {
        switch self {
        case .new: return 0
        case .repeatCustomer: return 0.5
        case .vip: return 1
        }
    }
}
