// Test access to the PostgreSQL that ops/services started. Each test gets a fresh schema that is
// dropped afterwards; a missing or unreachable server fails the test loudly, it never skips.

import Foundation
import Store

/// A throwaway schema in the test database.
public struct TestDatabase: Sendable {
    public let url: String
    public let schema: String

    public init(url: String, schema: String) {
        self.url = url
        self.schema = schema
    }

    /// Creates a schema `t_<random>`, runs `body`, and drops the schema (cascade) afterwards.
    public static func withSchema<T>(_ body: (TestDatabase) throws -> T) throws -> T {
        let (database, bootstrap) = try create()
        let outcome = Result { try body(database) }
        try bootstrap.execute("DROP SCHEMA \(PostgresIdentifier.quoted(database.schema)) CASCADE")
        return try outcome.get()
    }

    /// `withSchema` for an async body (a test that awaits, such as one driving a browser).
    public static func withSchema<T>(_ body: (TestDatabase) async throws -> T) async throws -> T {
        let (database, bootstrap) = try create()
        let outcome: Result<T, any Error>
        do { outcome = .success(try await body(database)) } catch { outcome = .failure(error) }
        try bootstrap.execute("DROP SCHEMA \(PostgresIdentifier.quoted(database.schema)) CASCADE")
        return try outcome.get()
    }

    /// A fresh schema `t_<random>` and the connection that made it (and drops it).
    private static func create() throws -> (TestDatabase, PostgresConnection) {
        let url = try databaseURL()
        let bootstrap: PostgresConnection
        do {
            bootstrap = try PostgresConnection(url: url)
        } catch {
            throw TestEnvironmentError("PostgreSQL at DATABASE_URL is not answering (\(error)): run ops/services start")
        }
        let database = TestDatabase(url: url, schema: "t_" + UUID().uuidString.prefix(12).lowercased())
        try bootstrap.execute("CREATE SCHEMA \(PostgresIdentifier.quoted(database.schema))")
        return (database, bootstrap)
    }

    /// `DATABASE_URL`, or a clear error telling how to get one.
    public static func databaseURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty else {
            throw TestEnvironmentError(
                "DATABASE_URL is not set: run `eval \"$(ops/services env)\"` (or ops/test) before the Store tests")
        }
        return url
    }

    /// A connection whose search path is this test's schema.
    public func connect() throws -> PostgresConnection {
        try PostgresConnection(url: url, searchPath: schema)
    }

    /// A connection to this test's schema with every migration applied.
    public func migrated() throws -> PostgresConnection {
        let connection = try connect()
        try Migrator(connection: connection).migrate()
        return connection
    }
}
