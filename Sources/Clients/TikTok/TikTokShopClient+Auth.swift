// OAuth on the auth host: unsigned GETs with the app secret in the query; success is `code == 0`.

extension TikTokShopClient {
    /// Exchanges a seller's authorization code for tokens.
    public func getToken(authCode: String) throws -> TikTokToken {
        try authRequest(
            "/api/v2/token/get", [("auth_code", authCode), ("grant_type", "authorized_code")])
    }

    /// Exchanges a refresh token for a new token pair.
    public func refreshToken(_ refreshToken: String) throws -> TikTokToken {
        try authRequest(
            "/api/v2/token/refresh", [("refresh_token", refreshToken), ("grant_type", "refresh_token")])
    }

    /// The shops the token's seller authorised, with their ciphers.
    public func authorizedShops(accessToken: String) throws -> [AuthorizedShop] {
        struct Payload: Decodable { let shops: [AuthorizedShop]? }
        return try signed(.get, "/authorization/202309/shops", shop: nil, accessToken: accessToken, as: Payload.self)
            .shops ?? []
    }

    private func authRequest(_ path: String, _ parameters: [(String, String)]) throws -> TikTokToken {
        let query = [("app_key", configuration.appKey), ("app_secret", configuration.appSecret)] + parameters
        return try executor.run(upstreamCall(shopId: nil)) {
            HTTPRequest(method: .get, url: configuration.authBaseURL + path + "?" + QueryString.encode(query))
        } interpret: { response in
            try unwrap(response, as: TikTokTokenPayload.self).token
        }
    }
}
