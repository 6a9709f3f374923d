// Shop onboarding and token storage in PostgreSQL: tokens encrypted at rest, refreshed ahead of
// expiry exactly once even when several workers (each with its own connection) ask at once.

import Clients
import Foundation
import Fulfilment
import Queue
import Sandbox
import Store
import TestSupport
import Testing

@Suite struct TokenStoreTests {
    @Test func onboardingStoresEncryptedTokens() async throws {
        try await SandboxFixture.with { sandbox in
            let code = try await sandbox.control("POST", "/_sim/auth/codes")["auth_code"]?.string ?? ""
            let configuration = sandbox.tiktok
            try await onThread {
                try TestDatabase.withSchema { database in
                    let connection = try database.migrated()
                    let cipher = try TokenCipher(base64Key: TokenCipher.generateKey())
                    let store = PostgresShopTokenStore(connection: connection, cipher: cipher)
                    let client = try TikTokShopClient(configuration: configuration, retry: .never)
                    let shops = try ShopOnboarding(client: client, store: store).connect(authCode: code)
                    #expect(shops.count == 1)
                    let listed = try store.storedShops()
                    #expect(listed.map(\.cipher) == [shops[0].cipher])
                    let token = try store.credentials(tiktokShopId: shops[0].id, lock: false).token
                    let raw = try connection.query("SELECT encode(access_token_ciphertext, 'escape') AS t FROM shops")
                    #expect(try !(raw.first?["t", as: String.self] ?? "").contains(token.accessToken))
                    let access = try ShopAccessProvider(store: store, client: client).access(tiktokShopId: shops[0].id)
                    #expect(try client.warehouses(shop: access).count == 1)
                }
            }
        }
    }

    @Test func tokenIsRefreshedOnceUnderConcurrency() async throws {
        try await SandboxFixture.with { sandbox in
            let code = try await sandbox.control("POST", "/_sim/auth/codes", #"{"access_token_ttl":60}"#)["auth_code"]?.string ?? ""
            let configuration = sandbox.tiktok
            let key = TokenCipher.generateKey()
            try await onThread {
                try TestDatabase.withSchema { database in
                    let cipher = try TokenCipher(base64Key: key)
                    let setup = PostgresShopTokenStore(connection: try database.migrated(), cipher: cipher)
                    let client = try TikTokShopClient(configuration: configuration, retry: .never)
                    let shopId = try ShopOnboarding(client: client, store: setup).connect(authCode: code)[0].id
                    let group = DispatchGroup()
                    let results = Locked<[String]>([])
                    for _ in 0..<4 {
                        group.enter()
                        Thread {
                            defer { group.leave() }
                            do {
                                let store = PostgresShopTokenStore(connection: try database.connect(), cipher: cipher)
                                let worker = try TikTokShopClient(configuration: configuration, retry: .never)
                                let access = try ShopAccessProvider(store: store, client: worker).access(tiktokShopId: shopId)
                                _ = try worker.warehouses(shop: access)
                                results.withLock { $0.append(access.accessToken) }
                            } catch {
                                results.withLock { $0.append("error: \(error)") }
                            }
                        }.start()
                    }
                    group.wait()
                    let tokens = results.withLock { $0 }
                    #expect(Set(tokens).count == 1)
                    #expect(!tokens.contains { $0.hasPrefix("error") })
                }
            }
            #expect(try await sandbox.requestCount("GET", "/api/v2/token/refresh") == 1)
        }
    }

    @Test func rejectedTokenIsRefreshedAndTheCallRetried() async throws {
        try await SandboxFixture.with { sandbox in
            let code = try await sandbox.control("POST", "/_sim/auth/codes")["auth_code"]?.string ?? ""
            let configuration = sandbox.tiktok
            let base = sandbox.baseURL
            try await onThread {
                try TestDatabase.withSchema { database in
                    let store = PostgresShopTokenStore(
                        connection: try database.migrated(), cipher: try TokenCipher(base64Key: TokenCipher.generateKey()))
                    let client = try TikTokShopClient(configuration: configuration, retry: .never)
                    let shopId = try ShopOnboarding(client: client, store: store).connect(authCode: code)[0].id
                    _ = try HTTPClient().perform(HTTPRequest(method: .post, url: base + "/_sim/auth/expire"))
                    let provider = ShopAccessProvider(store: store, client: client)
                    let warehouses = try provider.withAccess(tiktokShopId: shopId) { try client.warehouses(shop: $0) }
                    #expect(warehouses.count == 1)
                }
            }
            #expect(try await sandbox.requestCount("GET", "/api/v2/token/refresh") == 1)
        }
    }

    @Test func aSlotsCacheReadsTheShopOnceWhileTheTokenServesAndAgainAfterItsLifetime() async throws {
        try await withCountedShop { shop in
            let clock = Locked(Date())
            let provider = ShopAccessProvider(
                store: shop.store, client: shop.client, cache: ShopAccessCache(lifetime: 10), now: { clock.withLock { $0 } })
            let first = try provider.access(tiktokShopId: shop.id)
            clock.withLock { $0 += 9 }
            let second = try provider.access(tiktokShopId: shop.id)
            #expect(second.accessToken == first.accessToken)
            #expect(shop.store.reads == 1)
            clock.withLock { $0 += 2 }
            _ = try provider.access(tiktokShopId: shop.id)
            #expect(shop.store.reads == 2)
        }
    }

    @Test func aCachedTokenIsNeverServedPastItsRefreshPoint() async throws {
        let refreshes = try await withCountedShop(accessTokenTTL: 3630) { shop in
            let clock = Locked(Date())
            let provider = ShopAccessProvider(
                store: shop.store, client: shop.client, cache: ShopAccessCache(lifetime: 60), now: { clock.withLock { $0 } })
            let first = try provider.access(tiktokShopId: shop.id)
            clock.withLock { $0 += 40 }
            let renewed = try provider.access(tiktokShopId: shop.id)
            #expect(renewed.accessToken != first.accessToken)
            #expect(shop.store.reads == 3)  // the first read; then the row again and locked for the refresh
        }
        #expect(refreshes == 1)
    }

    @Test func aRejectedCachedTokenIsDroppedAndTheRenewedOneCached() async throws {
        let refreshes = try await withCountedShop { shop in
            let provider = ShopAccessProvider(store: shop.store, client: shop.client, cache: ShopAccessCache())
            let stale = try provider.access(tiktokShopId: shop.id)
            _ = try HTTPClient().perform(HTTPRequest(method: .post, url: shop.sandboxURL + "/_sim/auth/expire"))
            let warehouses = try provider.withAccess(tiktokShopId: shop.id) { try shop.client.warehouses(shop: $0) }
            #expect(warehouses.count == 1)
            let readsAfterRefresh = shop.store.reads
            let cached = try provider.access(tiktokShopId: shop.id)
            #expect(cached.accessToken != stale.accessToken)
            #expect(shop.store.reads == readsAfterRefresh)
        }
        #expect(refreshes == 1)
    }

    /// Connects a sandbox shop (its access token living `accessTokenTTL` seconds when given) through
    /// a counting store on a fresh schema, runs `body` on a thread, and answers how many token
    /// refreshes the sandbox saw.
    private func withCountedShop(
        accessTokenTTL: Int? = nil, _ body: @escaping @Sendable (ConnectedShop) throws -> Void
    ) async throws -> Int {
        try await SandboxFixture.with { sandbox in
            let options = accessTokenTTL.map { #"{"access_token_ttl":\#($0)}"# }
            let code = try await sandbox.control("POST", "/_sim/auth/codes", options)["auth_code"]?.string ?? ""
            let configuration = sandbox.tiktok
            let sandboxURL = sandbox.baseURL
            try await onThread {
                try TestDatabase.withSchema { database in
                    let store = CountingTokenStore(
                        PostgresShopTokenStore(
                            connection: try database.migrated(), cipher: try TokenCipher(base64Key: TokenCipher.generateKey())))
                    let client = try TikTokShopClient(configuration: configuration, retry: .never)
                    let id = try ShopOnboarding(client: client, store: store).connect(authCode: code)[0].id
                    try body(ConnectedShop(id: id, store: store, client: client, sandboxURL: sandboxURL))
                }
            }
            return try await sandbox.requestCount("GET", "/api/v2/token/refresh")
        }
    }
}

/// A shop connected for a cache test.
private struct ConnectedShop {
    let id: String
    let store: CountingTokenStore
    let client: TikTokShopClient
    let sandboxURL: String
}

/// The fleet's token store, counting how often a shop's credentials are read.
private final class CountingTokenStore: ShopTokenStore {
    private let store: PostgresShopTokenStore
    private(set) var reads = 0

    init(_ store: PostgresShopTokenStore) {
        self.store = store
    }

    func save(_ shop: AuthorizedShop, token: TikTokToken) throws { try store.save(shop, token: token) }
    func saveToken(_ token: TikTokToken, tiktokShopId: String) throws { try store.saveToken(token, tiktokShopId: tiktokShopId) }
    func markNeedsReauthorization(tiktokShopId: String) throws -> Bool {
        try store.markNeedsReauthorization(tiktokShopId: tiktokShopId)
    }
    func inTransaction<T>(_ body: () throws -> T) throws -> T { try store.inTransaction(body) }

    func credentials(tiktokShopId: String, lock: Bool) throws -> ShopCredentials {
        reads += 1
        return try store.credentials(tiktokShopId: tiktokShopId, lock: lock)
    }
}
