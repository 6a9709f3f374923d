// TikTok rejected a shop's refresh token (code 36004005): a fact about the shop, not about the job
// that found out. Its jobs wait without burning attempts until `creatorflow shops connect`
// succeeds and re-drives them.

import Domain

/// Shop `tiktokShopId` must be authorized again by its seller.
public struct ShopNeedsReauthorization: DispositionedError, Sendable, Equatable, CustomStringConvertible {
    public var tiktokShopId: String
    /// Whether this call is the one that found out (and marked the shop): it raises the alert.
    public var newlyMarked: Bool

    /// How long a parked job waits before it looks again, unless a reconnect re-drives it first.
    public static let recheck: Duration = .seconds(300)

    public init(tiktokShopId: String, newlyMarked: Bool) {
        self.tiktokShopId = tiktokShopId
        self.newlyMarked = newlyMarked
    }

    public var disposition: ErrorDisposition { .snoozed(for: Self.recheck) }

    /// The text every parked job carries as its last error; `shops connect` re-drives by it.
    public static func reason(tiktokShopId: String) -> String {
        "shop \(tiktokShopId) needs re-authorization: run `creatorflow shops connect`"
    }

    public var description: String { Self.reason(tiktokShopId: tiktokShopId) }
}
