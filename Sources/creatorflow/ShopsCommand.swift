// `creatorflow shops connect|list`: onboards TikTok shops (authorization code → encrypted tokens
// in PostgreSQL) and lists the connected ones. Tokens are never printed, only their expiry.

import ArgumentParser
import Clients
import Foundation
import Fulfilment
import Store

struct ShopsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shops", abstract: "Connect TikTok shops and list the connected ones.",
        subcommands: [Connect.self, List.self], defaultSubcommand: List.self)

    struct Connect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Exchange a seller's authorization code and store every shop it authorises.",
            discussion: """
                Needs TIKTOK_APP_KEY and TIKTOK_APP_SECRET (or CF_SANDBOX_URL), CF_TOKEN_KEY (tokens are \
                encrypted with it) and DATABASE_URL. Connecting a shop again replaces its tokens.
                """)

        @OptionGroup var common: CommonOptions
        @Option(help: "The authorization code from the seller's consent redirect.") var authCode: String
        @Flag(help: "JSON output.") var json = false

        func validate() throws {
            if authCode.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--auth-code must not be empty") }
        }

        func run() throws {
            let tiktok = try IntegrationEnvironment(ProcessInfo.processInfo.environment).requireTikTok()
            let store = PostgresShopTokenStore(
                connection: try common.load().checkedPostgres(), cipher: try TokenCipher.fromEnvironment(ProcessInfo.processInfo.environment))
            let client = try TikTokShopClient(configuration: tiktok)
            let authorized: [AuthorizedShop]
            do {
                authorized = try ShopOnboarding(client: client, store: store).connect(authCode: authCode)
            } catch let error as TikTokAPIError {
                throw ShopsCommandError("TikTok refused the authorization: \(error.message) (code \(error.code))")
            } catch let error as HTTPClientError {
                throw ShopsCommandError("cannot reach TikTok at \(tiktok.authBaseURL): \(error.message)")
            }
            if authorized.isEmpty { throw ShopsCommandError("the authorization grants no shops; nothing stored") }
            resume(authorized.map(\.id))
            let ids = Set(authorized.map(\.id))
            let shops = try store.storedShops().filter { ids.contains($0.tiktokShopId) }
            if json { return try JSONOutput.print(ShopListing(shops)) }
            for shop in shops {
                print("connected \(shop.tiktokShopId) \(shop.name) (\(shop.region)); access token expires \(Self.time(shop.accessTokenExpiresAt))")
            }
        }

        static func time(_ date: Date?) -> String { date?.formatted(.iso8601) ?? "-" }

        /// Resolves each shop's re-authorization alert and re-drives the jobs that waited on it.
        /// Without Redis they run when their wait ends (at most 5 minutes); that is said, not fatal.
        private func resume(_ shopIds: [String]) {
            do {
                let fleet = try common.load()
                let postgres = try fleet.postgres()
                let admin = try common.admin(fleet)
                for id in shopIds {
                    let moved = try ShopReauthorization.resume(tiktokShopId: id, postgres: postgres, admin: admin, now: Date())
                    if moved > 0 { FileHandle.standardError.write(Data("shop \(id): \(moved) waiting job(s) re-driven\n".utf8)) }
                }
            } catch {
                FileHandle.standardError.write(
                    Data("warning: waiting jobs not re-driven now (\(error)); they run within 5 minutes\n".utf8))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show connected shops and token expiry (never the tokens).")

        @OptionGroup var common: CommonOptions
        @Flag(help: "JSON output.") var json = false

        func run() throws {
            let shops = try ShopStore(connection: try common.load().checkedPostgres()).shops()
            if json { return try JSONOutput.print(ShopListing(shops)) }
            if shops.isEmpty { return print("no shops connected; run `creatorflow shops connect --auth-code CODE`") }
            var rows = [["SHOP ID", "NAME", "REGION", "ACCESS TOKEN EXPIRES", "REFRESH TOKEN EXPIRES"]]
            for shop in shops {
                rows.append([
                    shop.tiktokShopId, shop.name, shop.region, Connect.time(shop.accessTokenExpiresAt),
                    Connect.time(shop.refreshTokenExpiresAt),
                ])
            }
            print(Table.render(rows))
        }
    }
}

/// The `--json` form of connected shops: `{"shops":[{shop_id, name, region, *_expires_at}]}`.
struct ShopListing: Encodable {
    struct Shop: Encodable {
        let shopId: String
        let name: String
        let region: String
        let accessTokenExpiresAt: String?
        let refreshTokenExpiresAt: String?

        enum CodingKeys: String, CodingKey {
            case shopId = "shop_id", name, region
            case accessTokenExpiresAt = "access_token_expires_at", refreshTokenExpiresAt = "refresh_token_expires_at"
        }
    }

    let shops: [Shop]

    init(_ stored: [StoredShop]) {
        shops = stored.map {
            Shop(
                shopId: $0.tiktokShopId, name: $0.name, region: $0.region,
                accessTokenExpiresAt: $0.accessTokenExpiresAt?.formatted(.iso8601),
                refreshTokenExpiresAt: $0.refreshTokenExpiresAt?.formatted(.iso8601))
        }
    }
}

/// A `shops` command failed; the message says why and what to do.
struct ShopsCommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
