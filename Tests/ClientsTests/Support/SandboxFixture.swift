// Starts the sandbox in-process on a free loopback port for one test and gives clients for it.

import Clients
import Foundation
import Sandbox

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One running sandbox and helpers to reach it.
struct SandboxFixture: Sendable {
    static let appKey = "test-app-key"
    static let appSecret = "test-app-secret"
    static let easyPostKey = "test-easypost-key"
    static let supplierKey = "test-supplier-key"

    let server: SandboxServer
    var baseURL: String { server.baseURL }

    /// Runs `body` with a fresh sandbox, stopping it afterwards.
    static func with<T: Sendable>(webhookURL: String? = nil, _ body: (SandboxFixture) async throws -> T) async throws -> T {
        let server = try await SandboxServer.start(
            SandboxConfiguration(
                port: 0, appKey: appKey, appSecret: appSecret, easyPostKey: easyPostKey, supplierKey: supplierKey,
                webhookURL: webhookURL))
        do {
            let result = try await body(SandboxFixture(server: server))
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    var tiktok: TikTokConfiguration {
        var configuration = TikTokConfiguration.sandbox(baseURL: baseURL, appKey: Self.appKey, appSecret: Self.appSecret)
        configuration.http = HTTPClientConfiguration(connectTimeout: .seconds(2), totalTimeout: .seconds(5))
        return configuration
    }

    var easyPost: EasyPostConfiguration {
        EasyPostConfiguration(apiKey: Self.easyPostKey, baseURL: baseURL + "/v2")
    }

    var supplier: SupplierConfiguration {
        SupplierConfiguration(apiKey: Self.supplierKey, baseURL: baseURL + "/supplier/v1")
    }

    /// A control call: `method path` with a JSON body; returns the JSON answer.
    func control(_ method: String, _ path: String, _ body: String? = nil) async throws -> SimJSON {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.httpMethod = method
        request.httpBody = body.map { Data($0.utf8) }
        let (data, _) = try await URLSession.shared.data(for: request)
        return SimJSON.parse(data) ?? .null
    }

    /// Adds a fault rule.
    func fault(_ json: String) async throws {
        _ = try await control("POST", "/_sim/faults", json)
    }

    /// How many requests reached `method path`.
    func requestCount(_ method: String, _ path: String) async throws -> Int {
        Int(try await control("GET", "/_sim/requests")["counts"]?["\(method) \(path)"]?.int ?? 0)
    }

    /// A fresh token pair and the sandbox shop's access, via a new auth code.
    func connectedShop(ttl: Int? = nil) async throws -> (TikTokToken, ShopAccess) {
        let code = try await control("POST", "/_sim/auth/codes", ttl.map { "{\"access_token_ttl\":\($0)}" })["auth_code"]?.string
        let configuration = tiktok
        return try await onThread {
            let client = try TikTokShopClient(configuration: configuration, retry: .never)
            let token = try client.getToken(authCode: code ?? "")
            let shop = try client.authorizedShops(accessToken: token.accessToken)[0]
            return (token, ShopAccess(shopId: shop.id, cipher: shop.cipher, accessToken: token.accessToken))
        }
    }
}

/// A sleep function that records its waits instead of sleeping.
final class RecordedSleeps: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Duration] = []

    var sleep: @Sendable (Duration) -> Void {
        { [self] duration in
            lock.lock()
            values.append(duration)
            lock.unlock()
        }
    }

    var waits: [Duration] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}
