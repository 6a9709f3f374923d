// ops/onboard-sandbox, as ops/up runs it: it waits for a sandbox that is not listening yet, then
// connects its shop; running it again (a restarted sandbox) updates the same shop row.

import Foundation
import Store
import Testing
import TestSupport

@Suite struct OnboardSandboxTests {
    @Test func waitsForTheSandboxThenConnectsItsShopOnce() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let port = try freePort()
            let url = "http://127.0.0.1:\(port)"
            let env = [
                "DATABASE_URL": database.url, "CF_DATABASE_SCHEMA": database.schema,
                "CF_TOKEN_KEY": Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString(),
                "CREATORFLOW_BIN": BuiltBinaries.path("creatorflow"), "ONBOARD_WAIT": "30",
                "TIKTOK_APP_KEY": "", "TIKTOK_APP_SECRET": "", "TIKTOK_API_URL": "", "TIKTOK_AUTH_URL": "",
            ]
            let script = repositoryRoot.appendingPathComponent("ops/onboard-sandbox").path
            let onboarding = try Child(path: script, [url], environment: env)
            Thread.sleep(forTimeInterval: 1)
            #expect(onboarding.isRunning, "still waiting for the sandbox: \(onboarding.output)")
            let sandbox = try Child(
                path: BuiltBinaries.path("creatorflow-sandbox"), ["--port", "\(port)", "--webhook-url", "none"], environment: [:])
            defer { sandbox.signal(SIGTERM); _ = sandbox.wait(timeout: 10) }
            #expect(onboarding.wait(timeout: 40) == 0, "\(onboarding.output)")
            #expect(onboarding.output.contains("sandbox shop connected"))

            let again = try run(script, [url], environment: env)
            #expect(again.0 == 0, "\(again.1)")
            let rows = try connection.query("SELECT tiktok_shop_id, access_token_ciphertext IS NOT NULL AS sealed FROM shops")
            #expect(rows.count == 1)
            #expect(try rows.first?["tiktok_shop_id", as: String.self] == "7494726673780148744")
            #expect(try rows.first?["sealed", as: Bool.self] == true)
        }
    }

    @Test func givesUpWithAMessageWhenNoSandboxAnswers() throws {
        let env = ["ONBOARD_WAIT": "1", "CREATORFLOW_BIN": BuiltBinaries.path("creatorflow")]
        let (status, output) = try run(
            repositoryRoot.appendingPathComponent("ops/onboard-sandbox").path, ["http://127.0.0.1:1"], environment: env)
        #expect(status != 0)
        #expect(output.contains("did not answer within 1 s; shop not connected"), "\(output)")
    }
}
