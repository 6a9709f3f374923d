// Logistics lookups: warehouses, their delivery options, and the shipping providers of an option.

extension TikTokShopClient {
    /// The seller's warehouses.
    public func warehouses(shop: ShopAccess) throws -> [Warehouse] {
        struct Payload: Decodable { let warehouses: [Warehouse]? }
        return try signed(.get, "/logistics/202309/warehouses", shop: shop, as: Payload.self).warehouses ?? []
    }

    /// The delivery options of one warehouse.
    public func deliveryOptions(warehouseId: String, shop: ShopAccess) throws -> [DeliveryOption] {
        struct Payload: Decodable {
            let deliveryOptions: [DeliveryOption]?
            private enum CodingKeys: String, CodingKey { case deliveryOptions = "delivery_options" }
        }
        return try signed(
            .get, "/logistics/202309/warehouses/\(QueryString.escape(warehouseId))/delivery_options", shop: shop,
            as: Payload.self
        ).deliveryOptions ?? []
    }

    /// The carriers (and their TikTok ids) of one delivery option.
    public func shippingProviders(deliveryOptionId: String, shop: ShopAccess) throws -> [ShippingProvider] {
        struct Payload: Decodable {
            let shippingProviders: [ShippingProvider]?
            private enum CodingKeys: String, CodingKey { case shippingProviders = "shipping_providers" }
        }
        return try signed(
            .get, "/logistics/202309/delivery_options/\(QueryString.escape(deliveryOptionId))/shipping_providers",
            shop: shop, as: Payload.self
        ).shippingProviders ?? []
    }
}
