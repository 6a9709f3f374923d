// Sends outbound webhooks over HTTP (one attempt each, 5 s timeout) and records the answers.

import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Delivers `OutboundWebhook`s and logs each attempt in the state.
struct WebhookDispatcher: Sendable {
    let state: SandboxState

    /// Sends each webhook in order and records its answer.
    func send(_ webhooks: [OutboundWebhook]) async {
        for webhook in webhooks {
            guard let url = URL(string: webhook.url) else {
                await state.recordDelivery(webhook, status: nil, error: "bad URL")
                continue
            }
            var request = URLRequest(url: url, timeoutInterval: 5)
            request.httpMethod = "POST"
            request.httpBody = webhook.body
            for (name, value) in webhook.headers { request.setValue(value, forHTTPHeaderField: name) }
            do {
                let (_, response) = try await URLSession.shared.data(for: request)
                await state.recordDelivery(webhook, status: (response as? HTTPURLResponse)?.statusCode, error: nil)
            } catch {
                await state.recordDelivery(webhook, status: nil, error: "\(error.localizedDescription)")
            }
        }
    }
}
