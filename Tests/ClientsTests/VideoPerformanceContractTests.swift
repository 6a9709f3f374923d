// Get Shop Videos Performance against the sandbox over real HTTP: paging within a page bound,
// the date window, lenient decoding of malformed videos (missing fields, many products, a
// revised count), the sandbox's query checks, and a shop without the analytics scope surfacing
// as a permanent `TikTokAnalyticsScopeMissing` after exactly one request.

import Clients
import Domain
import Foundation
import Sandbox
import Testing

@Suite struct VideoPerformanceContractTests {
    static let path = "/analytics/202409/shop_videos/performance"
    static let january = [("start_date_ge", "2026-01-01"), ("end_date_lt", "2026-01-02")]
    let today = VideoPerformanceRequest.lastDays(1, endingAt: Date())

    /// Adds a video through the control API.
    private func video(_ sandbox: SandboxFixture, _ json: String) async throws {
        _ = try await sandbox.control("POST", "/_sim/videos", json)
    }

    @Test func pagesThroughEveryVideoWithinThePageBound() async throws {
        try await SandboxFixture.with { sandbox in
            let (_, shop) = try await sandbox.connectedShop()
            for index in 1...5 {
                try await video(sandbox, #"{"id":"v\#(index)","sku_id":"sku-\#(index)","views":\#(index * 100),"units_sold":\#(index)}"#)
            }
            let configuration = sandbox.tiktok
            let (all, bounded) = try await onThread {
                let client = try TikTokShopClient(configuration: configuration, retry: .never)
                return (
                    try client.allVideoPerformance(today, maxPages: 10, pageSize: 2, shop: shop),
                    try client.allVideoPerformance(today, maxPages: 2, pageSize: 2, shop: shop)
                )
            }
            #expect(all.videos.map(\.id) == ["v5", "v4", "v3", "v2", "v1"], "highest GMV first")
            #expect(!all.isTruncated && all.skipped == 0)
            #expect(all.videos[0].productIds == ["product-sku-5"] && all.videos[0].views == 500 && all.videos[0].unitsSold == 5)
            #expect(all.latestAvailableDate == today.startDate)
            #expect(bounded.videos.count == 4 && bounded.isTruncated)
            #expect(try await sandbox.requestCount("GET", Self.path) == 5)
        }
    }

    @Test func countsAreSummedOverTheRequestedDays() async throws {
        try await SandboxFixture.with { sandbox in
            let (_, shop) = try await sandbox.connectedShop()
            let yesterday = VideoPerformanceRequest.lastDays(2, endingAt: Date()).startDate
            try await video(sandbox, #"{"id":"v1","sku_id":"a","views":500,"date":"\#(yesterday)","video_post_time":0}"#)
            try await video(sandbox, #"{"id":"v1","views":100}"#)
            let configuration = sandbox.tiktok
            let (one, two) = try await onThread {
                let client = try TikTokShopClient(configuration: configuration, retry: .never)
                return (
                    try client.videoPerformance(today, shop: shop),
                    try client.videoPerformance(.lastDays(2, endingAt: Date()), shop: shop)
                )
            }
            #expect(one.videos.map(\.views) == [100] && two.videos.map(\.views) == [600])
            #expect(one.nextPageToken == nil)
        }
    }

    @Test func malformedVideosAreSkippedOrDefaulted() async throws {
        try await SandboxFixture.with { sandbox in
            let (_, shop) = try await sandbox.connectedShop()
            try await video(sandbox, #"{"id":"no-views","sku_id":"a","views":1,"omit":["views"]}"#)
            try await video(sandbox, #"{"id":"no-id","sku_id":"a","views":1,"omit":["id"]}"#)
            try await video(
                sandbox,
                #"{"id":"bare","sku_id":"a","views":7,"omit":["products","click_through_rate","units_sold","sku_orders","video_post_time"]}"#)
            try await video(
                sandbox, #"{"id":"many","product_ids":["p1","p2","p1","p3"],"views":3000,"units_sold":9,"sku_orders":8,"click_through_rate":0.05,"video_post_time":1750000000}"#)
            try await video(sandbox, #"{"id":"unknown-product","product_ids":["not-in-this-shop"],"views":5}"#)
            let configuration = sandbox.tiktok
            let before = try await onThread {
                try TikTokShopClient(configuration: configuration, retry: .never).videoPerformance(today, shop: shop)
            }
            // TikTok revises today's count of "many" downwards: reported as is (the Domain clamps).
            try await video(sandbox, #"{"id":"many","views":2500,"units_sold":9}"#)
            let after = try await onThread {
                try TikTokShopClient(configuration: configuration, retry: .never).videoPerformance(today, shop: shop)
            }
            #expect(before.skipped == 2)
            let byId = Dictionary(uniqueKeysWithValues: before.videos.map { ($0.id, $0) })
            #expect(Set(byId.keys) == ["bare", "many", "unknown-product"])
            #expect(
                byId["bare"]
                    == VideoPerformance(id: "bare", views: 7, unitsSold: nil, skuOrders: nil, clickThroughRate: nil, postedAt: nil))
            #expect(
                byId["many"]
                    == VideoPerformance(
                        id: "many", views: 3000, unitsSold: 9, skuOrders: 8, clickThroughRate: 0.05,
                        postedAt: Date(timeIntervalSince1970: 1_750_000_000), productIds: ["p1", "p2", "p3"]))
            #expect(byId["unknown-product"]?.productIds == ["not-in-this-shop"])
            #expect(after.videos.first { $0.id == "many" }?.views == 2500)
        }
    }

    @Test func aShopWithoutTheAnalyticsScopeFailsPermanentlyOnce() async throws {
        try await SandboxFixture.with { sandbox in
            let (_, shop) = try await sandbox.connectedShop()
            let scope = try await sandbox.control("POST", "/_sim/analytics/scope", #"{"granted":false}"#)
            #expect(scope["granted"] == .bool(false))
            let configuration = sandbox.tiktok
            let sleeps = RecordedSleeps()
            let outcome = try await onThread {
                Result {
                    try TikTokShopClient(configuration: configuration, sleep: sleeps.sleep).allVideoPerformance(
                        today, maxPages: 5, shop: shop)
                }
            }
            let error = try #require(outcome.failureError as? TikTokAnalyticsScopeMissing)
            #expect(error.shopId == shop.shopId && error.disposition == .permanent && !error.isUpstreamFailure)
            #expect(error.description.contains(TikTokAnalyticsScopeMissing.scope))
            #expect(sleeps.waits.isEmpty)
            #expect(try await sandbox.requestCount("GET", Self.path) == 1)
        }
    }

    @Test(arguments: [
        ("page_size", "101"), ("page_size", "0"), ("start_date_ge", "2026-13-01"), ("end_date_lt", "yesterday"),
        ("account_type", "FRIENDS"), ("sort_field", "views"), ("page_token", "x"),
    ])
    func theSandboxRefusesABadQuery(field: String, value: String) async throws {
        try await SandboxFixture.with { sandbox in
            let (_, shop) = try await sandbox.connectedShop()
            let base = sandbox.baseURL
            let good = [("start_date_ge", today.startDate), ("end_date_lt", today.endDate), ("page_size", "10")]
            let query = good.filter { $0.0 != field } + [(field, value)]
            let answer = try await onThread { try Self.signedGet(base: base, query: query, shop: shop) }
            #expect(answer.status == 400)
            #expect(SimJSON.parse(answer.body)?["code"]?.int == 36009004)
            let fine = try await onThread { try Self.signedGet(base: base, query: good, shop: shop) }
            #expect(fine.status == 200, "the same request with good values passes")
        }
    }

    @Test func theSandboxChecksSignatureTokenAndCipherFirst() async throws {
        try await SandboxFixture.with { sandbox in
            let (_, shop) = try await sandbox.connectedShop()
            let base = sandbox.baseURL
            let foreign = ShopAccess(shopId: shop.shopId, cipher: "ROW_other_shop", accessToken: shop.accessToken)
            let wrongCipher = try await onThread {
                try Self.signedGet(base: base, query: Self.january, shop: foreign)
            }
            #expect(wrongCipher.status == 403)
            let noToken = ShopAccess(shopId: shop.shopId, cipher: shop.cipher, accessToken: "")
            let unauthenticated = try await onThread {
                try Self.signedGet(base: base, query: Self.january, shop: noToken)
            }
            #expect(unauthenticated.status == 401)
            #expect(SimJSON.parse(unauthenticated.body)?["code"]?.int == 105000)
        }
    }

    /// A correctly signed GET of the analytics path with `query` (plus app key, timestamp, cipher).
    private static func signedGet(base: String, query: [(String, String)], shop: ShopAccess) throws -> HTTPResponse {
        let common = [
            ("app_key", SandboxFixture.appKey), ("timestamp", String(Int(Date().timeIntervalSince1970))),
            ("shop_cipher", shop.cipher),
        ]
        let signer = TikTokSigner(appSecret: SandboxFixture.appSecret)
        let sign = signer.sign(method: .get, path: path, query: common + query, body: nil)
        let headers = shop.accessToken.isEmpty ? [] : [(name: "x-tts-access-token", value: shop.accessToken)]
        return try HTTPClient().perform(
            HTTPRequest(
                method: .get, url: base + path + "?" + QueryString.encode(common + query + [("sign", sign)]), headers: headers))
    }
}
