// The migrator applies each migration once, inside the connection's schema, and stays correct
// when two processes migrate the same schema at the same moment.

import TestSupport
import Store
import Testing

@Suite struct MigratorTests {
    private let allVersions = Migration.all.map(\.version)

    @Test func appliesEverythingOnceThenNothing() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.connect()
            let migrator = Migrator(connection: connection)
            #expect(try migrator.migrate() == allVersions)
            #expect(try migrator.migrate() == [])
            #expect(try migrator.appliedVersions() == allVersions)
            let recorded = try connection.query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
            #expect(try recorded.map { try $0["name", as: String.self] } == Migration.all.map(\.name))
        }
    }

    @Test func createsTablesInTheConnectionsSchema() throws {
        try TestDatabase.withSchema { database in
            _ = try database.migrated()
            let bootstrap = try PostgresConnection(url: database.url)
            let tables = try bootstrap.query(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name",
                [.string(database.schema)]
            ).map { try $0["table_name", as: String.self] }
            let expected = [
                "alerts", "content_video_products", "content_video_snapshots", "customers", "dashboard_events", "dead_letter_archive",
                "health_checks", "inventory", "job_runs", "order_lines", "orders", "purchase_forecasts", "purchase_orders",
                "reservations", "schema_migrations", "shipments", "shops", "tracking_events", "webhook_events",
            ]
            #expect(tables == expected)
        }
    }

    @Test func appliesOnlyNewMigrationsLater() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.connect()
            #expect(try Migrator(connection: connection, migrations: [Migration.coreSchema]).migrate() == [1])
            let next = Migration.all.last!.version + 1
            let extra = Migration(version: next, name: "extra", sql: "CREATE TABLE extra (id int); CREATE TABLE extra2 (id int);")
            #expect(try Migrator(connection: connection, migrations: Migration.all + [extra]).migrate() == Array(2...next))
            #expect(try connection.query("SELECT count(*) AS n FROM extra2")[0]["n", as: Int.self] == 0)
        }
    }

    @Test func failedMigrationLeavesNoTrace() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.connect()
            let broken = Migration(version: 1, name: "broken", sql: "CREATE TABLE half (id int); SELECT no_such_function();")
            #expect(throws: PostgresError.self) { try Migrator(connection: connection, migrations: [broken]).migrate() }
            #expect(try Migrator(connection: connection, migrations: []).appliedVersions() == [])
            let half = try connection.query("SELECT to_regclass('half')::text AS t")[0]["t", as: String?.self]
            #expect(half == nil)
        }
    }

    @Test func rejectsUnorderedMigrations() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.connect()
            let error = #expect(throws: PostgresError.self) {
                try Migrator(connection: connection, migrations: [Migration.operationsSchema, Migration.coreSchema]).migrate()
            }
            #expect(error?.kind == .invalidUsage)
        }
    }

    @Test func concurrentMigratorsApplyEachVersionExactlyOnce() throws {
        try TestDatabase.withSchema { database in
            let results = onThreads(2) { _ in
                try Migrator(connection: try database.connect()).migrate()
            }
            let applied = try results.map { try $0.get() }
            #expect(applied.flatMap { $0 }.sorted() == allVersions)
            let rows = try database.connect().query("SELECT version FROM schema_migrations ORDER BY version")
            #expect(try rows.map { try $0["version", as: Int.self] } == allVersions)
        }
    }
}
