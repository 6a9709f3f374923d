// Orders: detail by ids and the paged search.

extension TikTokShopClient {
    /// Get Order Detail for up to 50 ids (`GET /order/202309/orders?ids=a,b`).
    public func orderDetail(ids: [String], shop: ShopAccess) throws -> [TikTokOrder] {
        struct Payload: Decodable { let orders: [TikTokOrder]? }
        return try signed(
            .get, "/order/202309/orders", query: [("ids", ids.joined(separator: ","))], shop: shop, as: Payload.self
        ).orders ?? []
    }

    /// Get Order List: one page matching `filter` (`POST /order/202309/orders/search`).
    public func searchOrders(
        _ filter: OrderSearchFilter, pageSize: Int = 50, pageToken: String? = nil, shop: ShopAccess
    ) throws -> OrderSearchPage {
        var query = [("page_size", String(pageSize))]
        if let pageToken { query.append(("page_token", pageToken)) }
        return try signed(.post, "/order/202309/orders/search", query: query, body: filter, shop: shop, as: OrderSearchPage.self)
    }
}
