// Sends an alert's text to the configured webhook as Slack-compatible JSON (`{"text": "…"}`).
// Notification is best effort: a failure is logged and never fails the job that raised the alert
// (the alert itself is already recorded in PostgreSQL).

import Clients
import Foundation
import Logging

/// POSTs alert texts to `webhookURL` (Slack incoming webhooks and compatible receivers).
public struct AlertNotifier: Sendable {
    /// Where alerts go; nil keeps them in the alerts table only.
    public let webhookURL: String?
    let logger: Logger
    let timeout: Duration

    public init(webhookURL: String?, logger: Logger, timeout: Duration = .seconds(5)) {
        self.webhookURL = webhookURL
        self.logger = logger
        self.timeout = timeout
    }

    /// The notifier for `services.settings.alertWebhookURL`.
    public init(services: FulfilmentServices) {
        self.init(webhookURL: services.settings.alertWebhookURL, logger: services.logger)
    }

    /// Sends `text`; true when the webhook answered 2xx. Blocks the calling (slot) thread.
    @discardableResult
    public func send(_ text: String) -> Bool {
        guard let webhookURL else { return false }
        do {
            let client = try HTTPClient(configuration: HTTPClientConfiguration(connectTimeout: timeout, totalTimeout: timeout))
            let body = try JSONEncoder().encode(SlackMessage(text: text))
            _ = try client.send(
                HTTPRequest(
                    method: .post, url: webhookURL, headers: [(name: "Content-Type", value: "application/json")],
                    body: body))
            return true
        } catch {
            logger.error("alert webhook failed", metadata: ["error": "\(error)", "alert": "\(text.prefix(120))"])
            return false
        }
    }
}

/// The body Slack's incoming webhooks accept.
private struct SlackMessage: Encodable {
    var text: String
}
