// Inventory: absolute stock per SKU and warehouse for one product; failures come back per SKU.

extension TikTokShopClient {
    /// Sets the available stock of `levels` (all SKUs of `productId`); SKUs that failed are listed
    /// in the result rather than thrown, because the rest were applied.
    public func updateInventory(productId: String, levels: [InventoryLevel], shop: ShopAccess) throws
        -> InventoryUpdateResult
    {
        try signed(
            .post, "/product/202309/products/\(QueryString.escape(productId))/inventory/update",
            body: InventoryUpdateBody(levels), shop: shop, as: InventoryUpdatePayload.self
        ).result
    }
}
