// Fulfilment for seller-shipped orders with our own label.

extension TikTokShopClient {
    private struct ShipBody: Encodable {
        let trackingNumber: String
        let shippingProviderId: String
        let orderLineItemIds: [String]?

        private enum CodingKeys: String, CodingKey {
            case trackingNumber = "tracking_number", shippingProviderId = "shipping_provider_id"
            case orderLineItemIds = "order_line_item_ids"
        }
    }

    /// Marks `lineItemIds` of an order as shipped in one package with our tracking number.
    public func markPackageShipped(
        orderId: String, trackingNumber: String, shippingProviderId: String, lineItemIds: [String], shop: ShopAccess
    ) throws -> ShippedPackage {
        try signed(
            .post, "/fulfillment/202309/orders/\(QueryString.escape(orderId))/packages",
            body: ShipBody(trackingNumber: trackingNumber, shippingProviderId: shippingProviderId, orderLineItemIds: lineItemIds),
            shop: shop, as: ShippedPackage.self)
    }

    /// Corrects the tracking number or carrier of a shipped package.
    public func updatePackageShippingInfo(
        packageId: String, trackingNumber: String, shippingProviderId: String, shop: ShopAccess
    ) throws {
        _ = try signed(
            .post, "/fulfillment/202309/packages/\(QueryString.escape(packageId))/shipping_info/update",
            body: ShipBody(trackingNumber: trackingNumber, shippingProviderId: shippingProviderId, orderLineItemIds: nil),
            shop: shop, as: TikTokEmpty.self)
    }

    /// Corrects the tracking number or carrier on an order.
    public func updateOrderShippingInfo(
        orderId: String, trackingNumber: String, shippingProviderId: String, shop: ShopAccess
    ) throws {
        _ = try signed(
            .post, "/fulfillment/202309/orders/\(QueryString.escape(orderId))/shipping_info/update",
            body: ShipBody(trackingNumber: trackingNumber, shippingProviderId: shippingProviderId, orderLineItemIds: nil),
            shop: shop, as: TikTokEmpty.self)
    }
}
