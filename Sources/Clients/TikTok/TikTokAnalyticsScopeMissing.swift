// A shop that has not granted the analytics scope (TikTok code 105005 on an analytics call):
// permanent, since only the seller re-authorizing the app with the scope mends it. A type of its
// own, not a `TikTokAPIError`, so the token refresh (which retries every 105xxx) leaves it alone.

/// The shop's token lacks `data.shop_analytics.public.read`.
public struct TikTokAnalyticsScopeMissing: ClassifiedError, CustomStringConvertible {
    /// The scope the analytics API needs.
    public static let scope = "data.shop_analytics.public.read"
    /// TikTok's code for the refusal.
    public static let code = 105005

    public let shopId: String
    public let requestId: String?

    public init(shopId: String, requestId: String?) {
        self.shopId = shopId
        self.requestId = requestId
    }

    public var isRetryable: Bool { false }
    public var retryAfter: Duration? { nil }
    public var isUpstreamFailure: Bool { false }

    public var description: String {
        "TikTokAnalyticsScopeMissing: shop \(shopId) has not granted \(Self.scope)"
            + (requestId.map { " [request \($0)]" } ?? "")
    }
}
