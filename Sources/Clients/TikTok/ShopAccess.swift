// What a shop-scoped call needs: the shop's cipher and a live access token.

/// The credentials for one shop's calls; the token never appears in descriptions.
public struct ShopAccess: Sendable, CustomStringConvertible {
    /// TikTok's shop id (for rate limiting and logs).
    public var shopId: String
    /// The `shop_cipher` from Get Authorized Shops.
    public var cipher: String
    public var accessToken: String

    public init(shopId: String, cipher: String, accessToken: String) {
        self.shopId = shopId
        self.cipher = cipher
        self.accessToken = accessToken
    }

    public var description: String { "ShopAccess(shop \(shopId), token redacted)" }
}
