// Every process checks the database schema before it does any work: on an unmigrated database it
// refuses with the fix, instead of failing every statement (a worker used to retry `relation
// "job_runs" does not exist` ten times a second).

import Config
import Foundation
import Logging
import Store

/// The process cannot run on this database until it is migrated.
struct SchemaRefusal: Error, CustomStringConvertible {
    let status: SchemaStatus
    var description: String { status.description }
}

extension FleetConfig {
    /// Throws `SchemaRefusal` when the database lacks this build's migrations; logs a newer but
    /// compatible schema. An unreachable PostgreSQL is logged, not fatal: the process then waits for
    /// it as it would at any other time.
    func requireUsableSchema(logger: Logger) throws {
        guard databaseURL != nil else { return }
        let status: SchemaStatus
        do {
            status = try Migrator(connection: try postgres(), logger: logger).status()
        } catch {
            logger.warning("could not check the database schema at start", metadata: ["error": "\(error)"])
            return
        }
        guard status.isUsable else { throw SchemaRefusal(status: status) }
        if case .ahead = status { logger.warning("\(status.description)") }
    }
}

extension FleetConfig {
    /// A connection for a one-shot command, after the same check (the command cannot run without
    /// PostgreSQL, so an unreachable one fails here).
    func checkedPostgres() throws -> PostgresConnection {
        let connection = try postgres()
        let status = try Migrator(connection: connection).status()
        guard status.isUsable else { throw SchemaRefusal(status: status) }
        return connection
    }
}
