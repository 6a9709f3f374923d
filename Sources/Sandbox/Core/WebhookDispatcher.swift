// Sends outbound webhooks over HTTP (one attempt each, 5 s timeout) and records the answers.
// Webhooks about different orders (or trackers) go out concurrently, as the real senders' do;
// those about the same one go out one after another, in the order they were made.

import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Delivers `OutboundWebhook`s and logs each attempt in the state.
struct WebhookDispatcher: Sendable {
    /// A session without cache or cookies: a webhook sender keeps neither, and looking both up
    /// took about 6 % of the sandbox's CPU under the benchmarks' load.
    private static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        return URLSession(configuration: configuration)
    }()

    let state: SandboxState
    /// Deliveries in flight at once, across subjects.
    var concurrency = 16

    /// Sends every webhook and records its answer; same-subject webhooks keep their order.
    func send(_ webhooks: [OutboundWebhook]) async {
        var order: [String] = []
        var bySubject: [String: [OutboundWebhook]] = [:]
        for webhook in webhooks {
            if bySubject[webhook.subject] == nil { order.append(webhook.subject) }
            bySubject[webhook.subject, default: []].append(webhook)
        }
        await withTaskGroup(of: Void.self) { group in
            for (index, subject) in order.enumerated() {
                if index >= concurrency { await group.next() }
                let queue = bySubject[subject] ?? []
                group.addTask {
                    for webhook in queue { await deliver(webhook) }
                }
            }
        }
    }

    private func deliver(_ webhook: OutboundWebhook) async {
        guard let url = URL(string: webhook.url) else {
            return await state.recordDelivery(webhook, status: nil, error: "bad URL")
        }
        var request = URLRequest(url: url, timeoutInterval: 5)
        request.httpMethod = "POST"
        request.httpBody = webhook.body
        for (name, value) in webhook.headers { request.setValue(value, forHTTPHeaderField: name) }
        do {
            let (_, response) = try await Self.session.data(for: request)
            await state.recordDelivery(webhook, status: (response as? HTTPURLResponse)?.statusCode, error: nil)
        } catch {
            await state.recordDelivery(webhook, status: nil, error: "\(error.localizedDescription)")
        }
    }
}
