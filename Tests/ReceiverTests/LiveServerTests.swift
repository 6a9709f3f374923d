// The receiver over a real socket: refusals that leave the body unread (413 by Content-Length,
// 401 without a signature) keep the connection usable for the signed webhook and health check.

import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct LiveServerTests {
    @Test func webhookAndHealthOverASocket() async throws {
        try await ReceiverFixture.with { fixture in
            var fixture = fixture
            fixture.configuration.maxBodyBytes = 1024
            let body = Webhooks.order()
            let statuses = try await fixture.application().test(.live) { client in
                [
                    try await deliver(client, Webhooks.order(size: 4096)).status,
                    try await deliver(client, body, headers: [:]).status,
                    try await deliver(client, body).status,
                    try await client.execute(uri: "/healthz", method: .get).status,
                ]
            }
            #expect(statuses == [.contentTooLarge, .unauthorized, .ok, .ok])
            let events = try await fixture.events()
            #expect(events.map(\.rawBody) == [Data(body.utf8)])
            #expect(try await fixture.jobs().map(\.id) == events.map { "evt-\($0.id)" })
        }
    }
}
