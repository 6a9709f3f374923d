// The receiver over a real socket: a signed order webhook and the health check end to end.

import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct LiveServerTests {
    @Test func webhookAndHealthOverASocket() async throws {
        try await ReceiverFixture.with { fixture in
            let body = Webhooks.order()
            let (webhook, health, unsigned) = try await fixture.application().test(.live) { client in
                (
                    try await deliver(client, body),
                    try await client.execute(uri: "/healthz", method: .get),
                    try await deliver(client, body, headers: [:])
                )
            }
            #expect(webhook.status == .ok)
            #expect(try webhook.json["enqueued"] == .bool(true))
            #expect(health.status == .ok)
            #expect(unsigned.status == .unauthorized)
            let events = try await fixture.events()
            #expect(events.map(\.rawBody) == [Data(body.utf8)])
            #expect(try await fixture.jobs().map(\.id) == events.map { "evt-\($0.id)" })
        }
    }
}
