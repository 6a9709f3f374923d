// What TikTok Shop's current view of an order means for marking its package shipped with our
// tracking number: it was cancelled, it already carries our tracking number (an earlier call went
// through and only its answer was lost), or these line items still need shipping.

import Clients
import Domain

/// The next step of tracking-sync given TikTok's order detail. Pure.
public enum ShippingVerdict: Sendable, Equatable {
    /// TikTok cancelled the order: apply it (release, refund), never ship.
    case cancelled(OrderSnapshot)
    /// Every line item already ships under our tracking number, in this package.
    case alreadyShipped(packageId: String?)
    /// Mark these line items shipped.
    case ship(lineItemIds: [String])
    /// Nothing left to ship, but not under our tracking number.
    case shippedElsewhere

    /// The verdict for `order` and our label's `trackingNumber`.
    public init(_ order: TikTokOrder, trackingNumber: String) throws {
        let snapshot = try OrderSnapshot(order)
        if snapshot.state == .cancelled {
            self = .cancelled(snapshot)
            return
        }
        let items = order.lineItems
        if !items.isEmpty, items.allSatisfy({ $0.packageId != nil && $0.trackingNumber == trackingNumber }) {
            self = .alreadyShipped(packageId: items.first?.packageId ?? order.packages?.first?.id)
            return
        }
        let unshipped = items.filter { $0.packageId == nil }.map(\.id)
        self = unshipped.isEmpty ? .shippedElsewhere : .ship(lineItemIds: unshipped)
    }
}
