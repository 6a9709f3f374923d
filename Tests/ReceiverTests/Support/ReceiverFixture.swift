// One test's private world: a fresh, migrated PostgreSQL schema, its own Redis key prefix and a
// receiver configured for both. Missing servers fail the test loudly; it never skips.

import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Jobs
import Logging
import Queue
import Receiver
import Redis
import Store
import TestSupport

struct ReceiverFixture: Sendable {
    let databaseURL: String
    let schema: String
    let redisURL: RedisURL
    let keys: Keys
    var configuration: ReceiverConfiguration

    static let logger: Logger = {
        var logger = Logger(label: "receiver-tests")
        logger.logLevel = .critical
        return logger
    }()

    /// Creates the schema and prefix, runs `body`, then drops both.
    static func with<T: Sendable>(
        function: String = #function,
        _ body: @Sendable (ReceiverFixture) async throws -> T
    ) async throws -> T {
        let redis = try TestRedis(function: function)
        guard let databaseURL = ProcessInfo.processInfo.environment["DATABASE_URL"], !databaseURL.isEmpty else {
            throw TestEnvironmentError("DATABASE_URL is not set: run `eval \"$(ops/services env)\"` (or ops/test) first")
        }
        let schema = "t_" + UUID().uuidString.prefix(12).lowercased()
        try await onThread {
            let connection: PostgresConnection
            do {
                connection = try PostgresConnection(url: databaseURL)
            } catch {
                throw TestEnvironmentError(
                    "PostgreSQL at DATABASE_URL is not answering (\(error)): run ops/services start")
            }
            try connection.execute("CREATE SCHEMA \(PostgresIdentifier.quoted(schema))")
            let migrating = try PostgresConnection(url: databaseURL, searchPath: schema)
            try Migrator(connection: migrating, logger: logger).migrate()
        }
        let fixture = ReceiverFixture(
            databaseURL: databaseURL, schema: schema, redisURL: redis.url, keys: redis.keys,
            configuration: ReceiverConfiguration(
                port: 0, signature: Webhooks.signature, poolSize: 4,
                connections: ConnectionSettings(
                    postgres: PostgresConfiguration(url: databaseURL, searchPath: schema), redis: redis.url),
                jobs: JobEnqueueSettings(queueSettings: QueueSettings(keys: redis.keys), maxAttempts: 7),
                readinessTimeout: .seconds(2)))
        let outcome: Result<T, any Error>
        do {
            outcome = .success(try await body(fixture))
        } catch {
            outcome = .failure(error)
        }
        try await fixture.cleanUp()
        return try outcome.get()
    }

    /// The receiver application for this fixture's configuration.
    func application() async throws -> some ApplicationProtocol {
        try await buildApplication(configuration: configuration, logger: Self.logger)
    }

    /// A copy whose receiver reaches PostgreSQL at `url` (e.g. a closed port).
    func withPostgres(_ url: String) -> ReceiverFixture {
        var copy = self
        copy.configuration.connections.postgres = PostgresConfiguration(url: url, searchPath: schema)
        return copy
    }

    /// A copy whose receiver reaches Redis at `url`.
    func withRedis(_ url: RedisURL) -> ReceiverFixture {
        var copy = self
        copy.configuration.connections.redis = url
        return copy
    }

    /// Every stored webhook event, oldest first.
    func events() async throws -> [StoredWebhookEvent] {
        try await onThread { [databaseURL, schema] in
            let connection = try PostgresConnection(url: databaseURL, searchPath: schema)
            let store = WebhookEventStore(connection: connection)
            let ids = try connection.query("SELECT id FROM webhook_events ORDER BY id").map {
                try $0["id", as: Int64.self]
            }
            return try ids.compactMap { try store.event(id: $0) }
        }
    }

    /// The jobs waiting on `queue` under this test's prefix, oldest first.
    func jobs(queue: String = "default") async throws -> [JobEnvelope] {
        try await onThread { [redisURL, keys] in
            let redis = try RedisConnection(url: redisURL)
            let raws = try redis.command(["LRANGE", keys.queue(queue).jobs, "0", "-1"]).strings
            return try raws.reversed().map { try JobEnvelope.decode($0) }
        }
    }

    /// A connection to this test's schema, for direct store tests (use it on one thread).
    func connect() throws -> PostgresConnection {
        try PostgresConnection(url: databaseURL, searchPath: schema)
    }

    private func cleanUp() async throws {
        try await onThread { [databaseURL, schema, redisURL, keys] in
            let postgres = try PostgresConnection(url: databaseURL)
            try postgres.execute("DROP SCHEMA \(PostgresIdentifier.quoted(schema)) CASCADE")
            let redis = try RedisConnection(url: redisURL)
            let queues = try redis.command(["SMEMBERS", keys.queues]).strings
            try redis.command(["DEL", keys.queues] + queues.map { keys.queue($0).jobs })
        }
    }
}

extension TestResponse {
    /// The body as a JSON object.
    var json: [String: JSONValue] {
        get throws {
            guard case .object(let object) = try JSONDecoder().decode(JSONValue.self, from: Data(body.readableBytesView))
            else { throw TestEnvironmentError("the response body is not a JSON object: \(String(buffer: body))") }
            return object
        }
    }
}
