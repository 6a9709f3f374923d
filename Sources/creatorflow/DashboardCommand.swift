// `creatorflow dashboard token`: mints a dashboard token signed with CF_DASHBOARD_SECRET. A
// creator's token sees only its shops; `--operator` sees the fleet and may retry or delete dead
// letters. The token goes to stdout; a link that carries it once goes to stderr.

import ArgumentParser
import Foundation
import Receiver

struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "The live dashboard's tokens.", subcommands: [Token.self])

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mint a dashboard token (HS256, signed with CF_DASHBOARD_SECRET).")

        @Option(name: .customLong("shop"), help: "A TikTok shop id (or shop row id) the token sees; repeat for several.")
        var shops: [String] = []

        @Flag(help: "An operator's token: every shop, the fleet panel and dead-letter actions.")
        var `operator` = false

        @Option(help: "How long the token is valid (90s, 30m, 12h, 7d).")
        var ttl: CLIDuration = CLIDuration(argument: "12h")!

        @Option(help: "Who the token is for (the `sub` claim).")
        var subject: String?

        func validate() throws {
            if shops.isEmpty && !`operator` { throw ValidationError("give --shop ID (repeatable) or --operator") }
            if ttl.seconds <= 0 { throw ValidationError("--ttl must be longer than 0s") }
        }

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            guard let secret = environment["CF_DASHBOARD_SECRET"], !secret.isEmpty else {
                throw ValidationError("CF_DASHBOARD_SECRET must be set: it signs the token, and `web` verifies it with the same secret")
            }
            let tokens: DashboardTokens
            do { tokens = try await DashboardTokens(secret: secret) } catch { throw ValidationError(error.description) }
            let who = subject ?? (`operator` ? environment["USER"] ?? "cli" : "creator:" + shops.joined(separator: ","))
            let token = try await tokens.mint(subject: who, shops: shops, isOperator: `operator`, ttl: ttl.seconds)
            print(token)
            let port = environment["PORT"].flatMap(Int.init) ?? 8080
            FileHandle.standardError.write(Data("open http://127.0.0.1:\(port)/dashboard?token=\(token)\n".utf8))
        }
    }
}
