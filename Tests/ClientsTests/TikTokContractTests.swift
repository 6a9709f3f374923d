// The TikTok Shop client against the sandbox over real HTTP on loopback: every call, and the
// sandbox's enforcement of signature, token and shop_cipher with the real error envelopes.

import Clients
import Foundation
import Sandbox
import Testing

@Suite struct TikTokContractTests {
    @Test func ordersShippingAndProviders() async throws {
        try await SandboxFixture.with { sandbox in
            let (_, shop) = try await sandbox.connectedShop()
            let ids = try await sandbox.control("POST", "/_sim/orders", #"{"count":2,"sku_id":"sku-9","quantity":3}"#)["ids"]?
                .array?.compactMap(\.string) ?? []
            #expect(ids.count == 2)
            let configuration = sandbox.tiktok
            let (orders, page, shipped, providers) = try await onThread {
                let client = try TikTokShopClient(configuration: configuration, retry: .never)
                let orders = try client.orderDetail(ids: ids, shop: shop)
                let page = try client.searchOrders(OrderSearchFilter(orderStatus: "AWAITING_SHIPMENT"), pageSize: 1, shop: shop)
                let warehouse = try client.warehouses(shop: shop)[0]
                let option = try client.deliveryOptions(warehouseId: warehouse.id, shop: shop)[0]
                let providers = try client.shippingProviders(deliveryOptionId: option.id, shop: shop)
                let usps = providers.first { $0.name == "USPS" }!
                let shipped = try client.markPackageShipped(
                    orderId: ids[0], trackingNumber: "EZ1000000001", shippingProviderId: usps.id,
                    lineItemIds: orders[0].lineItems.map(\.id), shop: shop)
                try client.updatePackageShippingInfo(
                    packageId: shipped.packageId, trackingNumber: "EZ1000000002", shippingProviderId: usps.id, shop: shop)
                return (orders, page, shipped, providers)
            }
            #expect(orders.map(\.id) == ids)
            #expect(orders[0].lineItems.count == 3)
            #expect(orders[0].unitsBySKU == ["sku-9": 3])
            #expect(page.orders.count == 1 && page.totalCount == 2 && page.nextPageToken == "1")
            #expect(Set(providers.map(\.name)) == ["USPS", "UPS", "FedEx"])
            #expect(shipped.orderId == ids[0])
            let view = try await sandbox.control("GET", "/_sim/orders/\(ids[0])")
            #expect(view["status"]?.string == "AWAITING_COLLECTION")
            #expect(view["packages"]?.array?.first?["tracking_number"]?.string == "EZ1000000002")
        }
    }

    @Test func inventoryPartialFailuresAreSurfacedPerSKU() async throws {
        try await SandboxFixture.with { sandbox in
            let (_, shop) = try await sandbox.connectedShop()
            try await sandbox.fault(#"{"kind":"inventory_partial","sku_ids":["sku-b"],"count":1}"#)
            let configuration = sandbox.tiktok
            let result = try await onThread {
                let client = try TikTokShopClient(configuration: configuration, retry: .never)
                return try client.updateInventory(
                    productId: "p1",
                    levels: [
                        InventoryLevel(skuId: "sku-a", warehouseId: "w1", quantity: 12),
                        InventoryLevel(skuId: "sku-b", warehouseId: "w1", quantity: 5),
                    ], shop: shop)
            }
            #expect(!result.isComplete)
            #expect(result.failures.map(\.skuId) == ["sku-b"])
            #expect(result.failures[0].warehouses.map(\.warehouseId) == ["w1"])
            #expect(try await sandbox.control("GET", "/_sim/inventory/sku-a")["quantity"]?.int == 12)
            #expect(try await sandbox.control("GET", "/_sim/inventory/sku-b")["error"] != nil)
        }
    }

    @Test func sandboxEnforcesSignatureTokenAndCipher() async throws {
        try await SandboxFixture.with { sandbox in
            let (_, shop) = try await sandbox.connectedShop()
            let good = sandbox.tiktok
            let wrongSecret = TikTokConfiguration.sandbox(
                baseURL: good.apiBaseURL, appKey: SandboxFixture.appKey, appSecret: "not-the-secret")
            let base = sandbox.baseURL
            let (badSign, reencoded, noCipher) = try await onThread {
                let badSign = Result { try TikTokShopClient(configuration: wrongSecret, retry: .never).orderDetail(ids: ["1"], shop: shop) }
                // Sign one body, send a re-encoded one: the signature no longer covers what arrives.
                let signer = TikTokSigner(appSecret: SandboxFixture.appSecret)
                let path = "/order/202309/orders/search"
                let query = [
                    ("app_key", SandboxFixture.appKey), ("timestamp", String(Int(Date().timeIntervalSince1970))),
                    ("shop_cipher", shop.cipher),
                ]
                let sign = signer.sign(method: .post, path: path, query: query, body: Data(#"{"order_status":"UNPAID"}"#.utf8))
                let http = try HTTPClient()
                let reencoded = try http.perform(
                    HTTPRequest(
                        method: .post, url: base + path + "?" + QueryString.encode(query + [("sign", sign)]),
                        headers: [(name: "x-tts-access-token", value: shop.accessToken)],
                        body: Data(#"{"order_status": "UNPAID"}"#.utf8)))
                // A correct signature but no shop_cipher on a shop-scoped path.
                let bare = [("app_key", SandboxFixture.appKey), ("timestamp", String(Int(Date().timeIntervalSince1970)))]
                let bareSign = signer.sign(method: .get, path: "/order/202309/orders", query: bare + [("ids", "1")], body: nil)
                let noCipher = try http.perform(
                    HTTPRequest(
                        method: .get,
                        url: base + "/order/202309/orders?" + QueryString.encode(bare + [("ids", "1"), ("sign", bareSign)]),
                        headers: [(name: "x-tts-access-token", value: shop.accessToken)]))
                return (badSign, reencoded, noCipher)
            }
            let signError = try #require(badSign.failureError as? TikTokAPIError)
            #expect(signError.status == 401 && signError.code == 106001 && !signError.isRetryable)
            #expect(signError.message.hasPrefix("Invalid credentials. The 'sign' query parameter is invalid"))
            #expect(reencoded.status == 401)
            #expect(SimJSON.parse(reencoded.body)?["code"]?.int == 106001)
            #expect(noCipher.status == 400)
            #expect(SimJSON.parse(noCipher.body)?["code"]?.int == 36009004)
        }
    }

    @Test func expiredTokenIsRejectedWithA105Code() async throws {
        try await SandboxFixture.with { sandbox in
            let (_, shop) = try await sandbox.connectedShop()
            _ = try await sandbox.control("POST", "/_sim/auth/expire")
            let configuration = sandbox.tiktok
            let outcome = try await onThread {
                Result { try TikTokShopClient(configuration: configuration, retry: .never).orderDetail(ids: ["1"], shop: shop) }
            }
            let error = try #require(outcome.failureError as? TikTokAPIError)
            #expect(error.status == 401 && error.code == 105002 && error.isTokenError && !error.isRetryable)
        }
    }

    @Test func tokensCarryAbsoluteExpiryAndRefreshRotates() async throws {
        try await SandboxFixture.with { sandbox in
            let (token, _) = try await sandbox.connectedShop()
            let configuration = sandbox.tiktok
            let renewed = try await onThread {
                try TikTokShopClient(configuration: configuration, retry: .never).refreshToken(token.refreshToken)
            }
            let week = Date().addingTimeInterval(7 * 86_400)
            #expect(abs(token.accessTokenExpiresAt.timeIntervalSince(week)) < 60)
            #expect(renewed.accessToken != token.accessToken)
            let reuse = try await onThread {
                Result { try TikTokShopClient(configuration: configuration, retry: .never).refreshToken(token.refreshToken) }
            }
            #expect((reuse.failureError as? TikTokAPIError)?.code == 36004005)
        }
    }
}

extension Result {
    var failureError: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
