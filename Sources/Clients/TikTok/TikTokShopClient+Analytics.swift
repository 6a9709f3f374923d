// Analytics: Get Shop Videos Performance, one page or every page up to a bound. A shop without
// the analytics scope surfaces as `TikTokAnalyticsScopeMissing`.

extension TikTokShopClient {
    /// The largest page TikTok serves.
    public static let maxVideoPageSize = 100

    /// One page of `GET /analytics/202409/shop_videos/performance`.
    public func videoPerformance(
        _ request: VideoPerformanceRequest, pageSize: Int = maxVideoPageSize, pageToken: String? = nil, shop: ShopAccess
    ) throws -> ShopVideoPage {
        var query = request.query + [("page_size", String(min(max(1, pageSize), Self.maxVideoPageSize)))]
        if let pageToken { query.append(("page_token", pageToken)) }
        do {
            return try signed(
                .get, "/analytics/202409/shop_videos/performance", query: query, shop: shop, as: ShopVideoPagePayload.self
            ).page
        } catch let error as TikTokAPIError where error.code == TikTokAnalyticsScopeMissing.code {
            throw TikTokAnalyticsScopeMissing(shopId: shop.shopId, requestId: error.requestId)
        }
    }

    /// Every page of `request`, at most `maxPages` of them (a repeated page token ends the walk);
    /// a video seen on an earlier page (the ranking moved between pages) is kept once.
    public func allVideoPerformance(
        _ request: VideoPerformanceRequest, maxPages: Int, pageSize: Int = maxVideoPageSize, shop: ShopAccess
    ) throws -> ShopVideoPoll {
        var poll = ShopVideoPoll(videos: [], skipped: 0, isTruncated: false, latestAvailableDate: nil)
        var token: String?
        var seen: Set<String> = []
        var videoIds: Set<String> = []
        for _ in 0..<max(1, maxPages) {
            let page = try videoPerformance(request, pageSize: pageSize, pageToken: token, shop: shop)
            poll.videos += page.videos.filter { videoIds.insert($0.id).inserted }
            poll.skipped += page.skipped
            poll.latestAvailableDate = page.latestAvailableDate ?? poll.latestAvailableDate
            guard let next = page.nextPageToken, seen.insert(next).inserted else { return poll }
            token = next
        }
        poll.isTruncated = true
        return poll
    }
}
