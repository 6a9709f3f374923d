// `creatorflow shops connect|list`, the real binary against the real sandbox binary and a fresh
// PostgreSQL schema: a sandbox authorization code connects the shop, tokens are stored encrypted
// (and still work), nothing prints a token, and failures exit non-zero with a clear message.

import Clients
import Foundation
import Fulfilment
import Store
import Testing
import TestSupport

@Suite struct ShopsCommandTests {
    static let shopId = "7494726673780148744"

    func environment(_ database: TestDatabase, _ sandbox: SandboxProcess, key: String) -> [String: String] {
        [
            "DATABASE_URL": database.url, "CF_DATABASE_SCHEMA": database.schema, "CF_SANDBOX_URL": sandbox.baseURL,
            "TIKTOK_APP_KEY": "sandbox-app-key", "TIKTOK_APP_SECRET": "sandbox-app-secret", "CF_TOKEN_KEY": key,
            "TIKTOK_API_URL": "", "TIKTOK_AUTH_URL": "",
        ]
    }

    @Test func connectStoresEncryptedTokensAndListShowsTheShopWithoutThem() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let sandbox = try SandboxProcess(["--webhook-url", "none"])
            let key = TokenCipher.generateKey()
            let env = environment(database, sandbox, key: key)

            let (status, output) = try BuiltBinaries.creatorflow(["shops", "connect", "--auth-code", try sandbox.authCode()], environment: env)
            #expect(status == 0, "\(output)")
            #expect(output.contains("connected \(Self.shopId) CreatorFlow Sandbox Shop (US); access token expires 20"))

            let (listStatus, table) = try BuiltBinaries.creatorflow(["shops", "list"], environment: env)
            #expect(listStatus == 0, "\(table)")
            #expect(table.contains("SHOP ID"))
            #expect(table.contains(Self.shopId) && table.contains("CreatorFlow Sandbox Shop"))

            let (jsonStatus, json) = try BuiltBinaries.creatorflow(["shops", "list", "--json"], environment: env)
            #expect(jsonStatus == 0, "\(json)")
            let listing = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [[String: String]]])
            let shop = try #require(listing["shops"]?.first)
            #expect(listing["shops"]?.count == 1)
            #expect(Set(shop.keys) == ["shop_id", "name", "region", "access_token_expires_at", "refresh_token_expires_at"])
            #expect(shop["shop_id"] == Self.shopId && shop["region"] == "US")
            let expiry = try Date(try #require(shop["access_token_expires_at"]), strategy: .iso8601)
            #expect(abs(expiry.timeIntervalSinceNow - 7 * 86_400) < 600, "the sandbox issues 7-day tokens")

            let row = try connection.query(
                "SELECT access_token_ciphertext, refresh_token_ciphertext FROM shops WHERE tiktok_shop_id = $1",
                [.string(Self.shopId)])[0]
            let sealed = try row["access_token_ciphertext", as: Data.self]
            #expect(!String(decoding: sealed, as: UTF8.self).contains("TTP_"), "not stored in clear")
            let store = PostgresShopTokenStore(connection: connection, cipher: try TokenCipher(base64Key: key))
            let token = try store.credentials(tiktokShopId: Self.shopId, lock: false).token
            #expect(token.accessToken.hasPrefix("TTP_") && token.refreshToken.hasPrefix("TTP_R_"))
            for printed in [output, table, json] {
                #expect(!printed.contains(token.accessToken) && !printed.contains(token.refreshToken) && !printed.contains("TTP_"))
            }

            let client = try TikTokShopClient(configuration: try IntegrationEnvironment(env).requireTikTok(), retry: .never)
            #expect(try client.authorizedShops(accessToken: token.accessToken).map(\.id) == [Self.shopId], "the stored token works")
        }
    }

    @Test func connectingAgainReplacesTheTokensOfTheSameShop() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let sandbox = try SandboxProcess(["--webhook-url", "none"])
            let env = environment(database, sandbox, key: TokenCipher.generateKey())
            let first = try BuiltBinaries.creatorflow(["shops", "connect", "--auth-code", try sandbox.authCode()], environment: env)
            let sealed = { try connection.query("SELECT access_token_ciphertext FROM shops")[0]["access_token_ciphertext", as: Data.self] }
            let before = try sealed()
            let second = try BuiltBinaries.creatorflow(
                ["shops", "connect", "--auth-code", try sandbox.authCode(), "--json"], environment: env)
            #expect(first.0 == 0 && second.0 == 0, "\(first.1) \(second.1)")
            #expect(second.1.contains(#""shop_id":"7494726673780148744""#))
            #expect(try connection.query("SELECT count(*) AS n FROM shops")[0]["n", as: Int.self] == 1)
            #expect(try sealed() != before)
        }
    }

    @Test func failuresExitNonZeroWithAClearMessageAndStoreNothing() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let sandbox = try SandboxProcess(["--webhook-url", "none"])
            let env = environment(database, sandbox, key: TokenCipher.generateKey())

            let code = try sandbox.authCode()
            #expect(try BuiltBinaries.creatorflow(["shops", "connect", "--auth-code", code], environment: env).0 == 0)
            try connection.execute("DELETE FROM shops")
            let reused = try BuiltBinaries.creatorflow(["shops", "connect", "--auth-code", code], environment: env)
            #expect(reused.0 != 0)
            #expect(reused.1.contains("TikTok refused the authorization: Invalid auth code or the code has been used. (code 36004004)"), "\(reused.1)")

            var noKey = env
            noKey["CF_TOKEN_KEY"] = ""
            let missingKey = try BuiltBinaries.creatorflow(["shops", "connect", "--auth-code", try sandbox.authCode()], environment: noKey)
            #expect(missingKey.0 != 0)
            #expect(missingKey.1.contains("CF_TOKEN_KEY is not set"), "\(missingKey.1)")

            var noApp = env
            noApp["CF_SANDBOX_URL"] = ""
            noApp["TIKTOK_APP_KEY"] = ""
            let missingApp = try BuiltBinaries.creatorflow(["shops", "connect", "--auth-code", "x"], environment: noApp)
            #expect(missingApp.0 != 0)
            #expect(missingApp.1.contains("TIKTOK_APP_KEY and TIKTOK_APP_SECRET must be set"), "\(missingApp.1)")

            var closed = env
            closed["CF_SANDBOX_URL"] = "http://127.0.0.1:1"
            let unreachable = try BuiltBinaries.creatorflow(["shops", "connect", "--auth-code", "x"], environment: closed)
            #expect(unreachable.0 != 0)
            #expect(unreachable.1.contains("cannot reach TikTok at http://127.0.0.1:1"), "\(unreachable.1)")

            #expect(try connection.query("SELECT count(*) AS n FROM shops")[0]["n", as: Int.self] == 0)
            let (listStatus, list) = try BuiltBinaries.creatorflow(["shops", "list"], environment: noKey)
            #expect(listStatus == 0 && list.contains("no shops connected"), "\(list)")
        }
    }
}
