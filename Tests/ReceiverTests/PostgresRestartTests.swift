// PostgreSQL stopping under a running receiver (a private instance, so other tests keep theirs):
// deliveries answer 503 and /readyz turns unready; after a restart the pool reconnects by itself.

import Foundation
import Hummingbird
import HummingbirdTesting
import Receiver
import Store
import Testing
import TestSupport

@Suite struct PostgresRestartTests {
    @Test func poolReconnectsAfterPostgresRestarts() async throws {
        try await ReceiverFixture.with { shared in
            let server = try await onThread { try PrivatePostgres(instance: "receiver-tests") }
            let schema = "t_" + UUID().uuidString.prefix(12).lowercased()
            try await onThread {
                try PostgresConnection(url: server.url).execute("CREATE SCHEMA \(PostgresIdentifier.quoted(schema))")
                try Migrator(connection: PostgresConnection(url: server.url, searchPath: schema)).migrate()
            }
            var fixture = shared
            fixture.configuration.connections.postgres = PostgresConfiguration(
                url: server.url, searchPath: schema, connectTimeoutSeconds: 2)
            let outcome = await Result {
                try await fixture.application().test(.router) { client in
                    let before = try await deliver(client, Webhooks.order(notification: "before"))
                    try await onThread { try server.stop() }
                    let during = try await deliver(client, Webhooks.order(notification: "during", updateTime: 2))
                    let readyDuring = try await client.execute(uri: "/readyz", method: .get)
                    try await onThread { try server.start() }
                    let after = try await deliver(client, Webhooks.order(notification: "during", updateTime: 2))
                    let readyAfter = try await client.execute(uri: "/readyz", method: .get)
                    return [before.status, during.status, readyDuring.status, after.status, readyAfter.status]
                }
            }
            try await onThread {
                try server.start()
                let postgres = try PostgresConnection(url: server.url)
                try postgres.execute("DROP SCHEMA \(PostgresIdentifier.quoted(schema)) CASCADE")
                try server.stop()
            }
            #expect(try outcome.get() == [.ok, .serviceUnavailable, .serviceUnavailable, .ok, .ok])
            #expect(try await shared.jobs().count == 2)
        }
    }
}

extension Result where Failure == any Error {
    /// Captures the outcome of an async throwing `body`.
    init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
