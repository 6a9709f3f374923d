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
}
