// Applies pending migrations in order. A session-level advisory lock per schema serializes
// concurrent migrators of that schema (e.g. several processes starting at once) and leaves other
// schemas' migrators alone; each migration and its record in schema_migrations commit together,
// so a second run applies nothing. The lock wait is bounded by the session's lock_timeout.

import Logging

/// Brings the schema in the connection's search path up to date.
public struct Migrator {
    /// The `pg_advisory_lock` key of the session's schema: one lock per schema, so migrators of
    /// different schemas (test suites, tenants) never wait on each other.
    static let advisoryLockKey = "hashtextextended('creatorflow-migrate:' || coalesce(current_schema(), ''), 0)"

    /// The migrations this migrator knows, in ascending version order.
    public let migrations: [Migration]
    private let connection: PostgresConnection
    private let logger: Logger

    public init(
        connection: PostgresConnection, migrations: [Migration] = Migration.all,
        logger: Logger = Logger(label: "creatorflow.store.migrations")
    ) {
        self.connection = connection
        self.migrations = migrations
        self.logger = logger
    }

    /// Applies every pending migration; returns the versions applied by this call (empty when up to date).
    @discardableResult
    public func migrate() throws -> [Int] {
        try validate()
        return try connection.withPinnedSession { connection in
            try connection.execute("SELECT pg_advisory_lock(\(Self.advisoryLockKey))")
            defer { unlock(connection) }
            try connection.execute(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
            let applied = Set(try appliedVersions())
            let known = Set(migrations.map(\.version))
            if let unknown = applied.subtracting(known).max() {
                logger.warning("database has migrations this build does not know", metadata: ["version": "\(unknown)"])
            }
            var appliedNow: [Int] = []
            for migration in migrations where !applied.contains(migration.version) {
                try connection.withTransaction { connection in
                    try connection.executeScript(migration.sql)
                    try connection.execute(
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())",
                        [.int(migration.version), .string(migration.name)])
                }
                logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                appliedNow.append(migration.version)
            }
            return appliedNow
        }
    }

    /// How the connection's schema compares with `migrations` (a schema never migrated lacks them all).
    public func status() throws -> SchemaStatus {
        let applied: [Int]
        do {
            applied = try appliedVersions()
        } catch let error as PostgresError where error.sqlState == "42P01" {
            applied = []
        }
        return SchemaStatus(applied: applied, known: migrations.map(\.version))
    }

    /// The versions recorded in `schema_migrations`, ascending.
    public func appliedVersions() throws -> [Int] {
        try connection.query("SELECT version FROM schema_migrations ORDER BY version").map {
            try $0["version", as: Int.self]
        }
    }

    private func validate() throws {
        for (previous, next) in zip(migrations, migrations.dropFirst()) where next.version <= previous.version {
            throw PostgresError(
                kind: .invalidUsage,
                message: "migration versions must ascend strictly: \(next.version) follows \(previous.version)")
        }
        if let first = migrations.first, first.version < 1 {
            throw PostgresError(kind: .invalidUsage, message: "migration versions start at 1, got \(first.version)")
        }
    }

    private func unlock(_ connection: PostgresConnection) {
        do {
            try connection.execute("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))")
        } catch {
            logger.warning("could not release the migration lock; it ends with the session", metadata: ["error": "\(error)"])
        }
    }
}
