// Every process checks the schema at start: on a database `creatorflow migrate` has not run on,
// web, worker and scheduler refuse with the fix instead of failing every statement; on a schema a
// newer build migrated further they run, saying so.

import Foundation
import Store
import Testing
import TestSupport

@Suite struct SchemaCheckTests {
    func environment(_ database: TestDatabase) -> [String: String] {
        [
            "DATABASE_URL": database.url, "CF_DATABASE_SCHEMA": database.schema,
            "REDIS_URL": ProcessInfo.processInfo.environment["REDIS_URL"] ?? "", "CF_REDIS_PREFIX": "schema-\(UUID().uuidString.prefix(6))",
            "TIKTOK_APP_KEY": "schema-key", "TIKTOK_APP_SECRET": "schema-secret",
        ]
    }

    @Test(arguments: [["worker"], ["scheduler"], ["web", "--port", "0"]])
    func aProcessOnAnUnmigratedDatabaseRefusesWithTheFix(command: [String]) throws {
        try TestDatabase.withSchema { database in
            let process = try Child(path: BuiltBinaries.path("creatorflow"), command, environment: environment(database))
            let status = process.wait(timeout: 30)
            #expect(status != nil && status != 0, "\(command[0]) exited: \(process.output)")
            #expect(process.output.contains("run `creatorflow migrate`"), "\(process.output)")
            if status == nil { process.stop() }
        }
    }

    @Test func aWorkerOnASchemaMigratedByANewerBuildRunsAndSaysSo() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            try connection.execute("INSERT INTO schema_migrations (version, name) VALUES (9999, 'from_a_newer_build')")
            let worker = try Child(path: BuiltBinaries.path("creatorflow"), ["worker"], environment: environment(database))
            defer { worker.stop() }
            #expect(eventually(timeout: 20) { worker.output.contains("from a newer build") }, "\(worker.output)")
            Thread.sleep(forTimeInterval: 1)
            #expect(worker.isRunning, "\(worker.output)")
        }
    }

    @Test func theStatusNamesWhatIsMissing() {
        #expect(SchemaStatus(applied: [1, 2, 3], known: [1, 2, 3]) == .current)
        #expect(SchemaStatus(applied: [], known: [1, 2]) == .behind(missing: [1, 2]))
        #expect(SchemaStatus(applied: [1, 2, 3], known: [1, 2]) == .ahead(unknown: [3]))
        #expect(SchemaStatus(applied: [1, 3], known: [1, 2]) == .diverged(missing: [2], unknown: [3]))
        #expect(!SchemaStatus(applied: [1], known: [1, 2]).isUsable)
        #expect(SchemaStatus(applied: [1, 2, 3], known: [1, 2]).isUsable)
    }
}
