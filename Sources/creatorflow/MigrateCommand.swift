// `creatorflow migrate`: applies pending PostgreSQL migrations (safe to run from many processes).

import ArgumentParser
import Logging
import Store

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending database migrations.")

    @OptionGroup var common: CommonOptions

    func run() throws {
        Log.bootstrap()
        let fleet = try common.load()
        let applied = try Migrator(connection: try fleet.postgres(timeouts: .migration), logger: Logger(label: "creatorflow.migrate")).migrate()
        print(applied.isEmpty ? "migrations: up to date" : "migrations: applied \(applied.map(String.init).joined(separator: ", "))")
    }
}
