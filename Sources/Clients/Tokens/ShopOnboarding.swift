// Connecting a seller: exchange the authorization code, list the shops it authorised, and store
// each shop's cipher with the (encrypted) tokens.

/// Turns an authorization code into stored, connected shops.
public struct ShopOnboarding {
    private let client: TikTokShopClient
    private let store: any ShopTokenStore

    public init(client: TikTokShopClient, store: any ShopTokenStore) {
        self.client = client
        self.store = store
    }

    /// Exchanges `authCode`, stores every authorised shop, and returns them (without tokens).
    @discardableResult
    public func connect(authCode: String) throws -> [AuthorizedShop] {
        let token = try client.getToken(authCode: authCode)
        let shops = try client.authorizedShops(accessToken: token.accessToken)
        try store.inTransaction {
            for shop in shops { try store.save(shop, token: token) }
        }
        return shops
    }
}
