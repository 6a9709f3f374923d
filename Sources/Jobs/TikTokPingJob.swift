// `tiktok-ping`: one cheap shop-scoped TikTok Shop call. A diagnostic kind: it checks a shop's
// credentials end to end and loads the fleet-wide rate limiter (`ops/bench ratelimit`).

/// Reads the warehouses of `shopId` (the first connected shop when nil) from TikTok Shop.
public struct TikTokPingJob: JobPayload, Equatable {
    public static let kind = "tiktok-ping"
    public var shopId: String?

    public init(shopId: String? = nil) {
        self.shopId = shopId
    }
}
