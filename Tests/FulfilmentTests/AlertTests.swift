// The alerts table (one open alert per key, open and resolve each report a change once) and the
// Slack-compatible webhook notifier, against real PostgreSQL and a local HTTP receiver.

import Domain
import Foundation
import Fulfilment
import Logging
import Store
import Testing
import TestSupport

@Suite struct AlertTests {
    private let moment = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func anAlertOpensOncePerKeyAndResolvesOnce() throws {
        try TestDatabase.withSchema { database in
            let db = try database.migrated()
            let alerts = AlertStore(connection: db)
            #expect(try alerts.open(key: "health", severity: .warning, message: "score 72", at: moment))
            #expect(try !alerts.open(key: "health", severity: .warning, message: "score 71", at: moment))
            #expect(try alerts.open(key: "stock.critical:sku-1", severity: .critical, message: "4 h left", at: moment))
            #expect(try db.query("SELECT count(*) FROM alerts WHERE state = 'open'")[0].decode(Int.self, at: 0) == 2)

            let open = try #require(try alerts.openAlert(key: "health"))
            #expect(open.severity == .warning && open.message == "score 72" && open.openedAt == moment)

            #expect(try alerts.resolve(key: "health", at: moment.addingTimeInterval(60)))
            #expect(try !alerts.resolve(key: "health", at: moment.addingTimeInterval(90)))
            #expect(try alerts.openAlert(key: "health") == nil)
            #expect(try alerts.openAlerts(prefix: "stock.").map(\.key) == ["stock.critical:sku-1"])

            #expect(try alerts.open(key: "health", severity: .critical, message: "score 40", at: moment.addingTimeInterval(120)))
            let rows = try db.query("SELECT state, resolved_at FROM alerts WHERE key = 'health' ORDER BY id")
            #expect(try rows.map { try $0["state", as: String.self] } == ["resolved", "open"])
            #expect(try rows[0]["resolved_at", as: Date?.self] == moment.addingTimeInterval(60))
        }
    }

    @Test func regradingChangesAnOpenAlertOnlyWhenTheSeverityDiffers() throws {
        try TestDatabase.withSchema { database in
            let alerts = AlertStore(connection: try database.migrated())
            #expect(try !alerts.regrade(key: "health", to: .critical, message: "nothing open"))
            try alerts.open(key: "health", severity: .warning, message: "score 75", at: moment)
            #expect(try !alerts.regrade(key: "health", to: .warning, message: "score 74"))
            #expect(try alerts.regrade(key: "health", to: .critical, message: "score 50"))
            let open = try #require(try alerts.openAlert(key: "health"))
            #expect(open.severity == .critical && open.message == "score 50")
        }
    }

    @Test func notifierPostsSlackCompatibleJSON() async throws {
        let capture = try await WebhookCapture.start()
        let notifier = AlertNotifier(webhookURL: capture.url, logger: Logger(label: "test.alerts"))
        let sent = await onOwnThread { notifier.send("🟡 CreatorFlow health warning: score 72/100") }
        await capture.stop()
        #expect(sent)
        #expect(capture.received.count == 1)
        let body = try JSONSerialization.jsonObject(with: Data(capture.received[0].utf8)) as? [String: String]
        #expect(body == ["text": "🟡 CreatorFlow health warning: score 72/100"])
    }

    @Test func aFailingOrMissingWebhookIsReportedNotThrown() async throws {
        let capture = try await WebhookCapture.start()
        capture.answer(.internalServerError)
        let logger = Logger(label: "test.alerts")
        let refused = await onOwnThread { AlertNotifier(webhookURL: capture.url, logger: logger).send("refused") }
        await capture.stop()
        #expect(!refused)
        #expect(capture.received == [#"{"text":"refused"}"#])
        #expect(!AlertNotifier(webhookURL: capture.url, logger: logger, timeout: .seconds(2)).send("nobody listens now"))
        #expect(!AlertNotifier(webhookURL: nil, logger: logger).send("stored only"))
    }

    /// Runs blocking `body` (libcurl) on a thread of its own, so the capture server's handlers keep
    /// the cooperative pool when tests run in parallel.
    private func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in Thread { continuation.resume(returning: body()) }.start() }
    }
}
