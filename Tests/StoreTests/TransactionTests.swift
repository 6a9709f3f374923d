// withTransaction commits on return, rolls back on throw, nests as savepoints and refuses to
// report success for a transaction the server rolled back.

import TestSupport
import Store
import Testing

@Suite struct TransactionTests {
    private struct Boom: Error {}

    private func counter(_ database: TestDatabase) throws -> PostgresConnection {
        let connection = try database.connect()
        try connection.execute("CREATE TABLE items (name text PRIMARY KEY)")
        return connection
    }

    private func names(_ connection: PostgresConnection) throws -> [String] {
        try connection.query("SELECT name FROM items ORDER BY name").map { try $0["name", as: String.self] }
    }

    @Test func commitKeepsTheWork() throws {
        try TestDatabase.withSchema { database in
            let connection = try counter(database)
            let result = try connection.withTransaction { tx in
                try tx.execute("INSERT INTO items VALUES ($1), ($2)", ["a", "b"])
            }
            #expect(result == 2)
            #expect(!connection.isInTransaction)
            #expect(try names(try database.connect()) == ["a", "b"])
        }
    }

    @Test func throwingRollsBack() throws {
        try TestDatabase.withSchema { database in
            let connection = try counter(database)
            #expect(throws: Boom.self) {
                try connection.withTransaction { tx in
                    try tx.execute("INSERT INTO items VALUES ($1)", ["a"])
                    throw Boom()
                }
            }
            #expect(!connection.isInTransaction)
            #expect(try names(connection) == [])
        }
    }

    @Test func serverErrorRollsBackEarlierStatements() throws {
        try TestDatabase.withSchema { database in
            let connection = try counter(database)
            let error = #expect(throws: PostgresError.self) {
                try connection.withTransaction { tx in
                    try tx.execute("INSERT INTO items VALUES ($1)", ["a"])
                    try tx.execute("INSERT INTO items VALUES ($1)", ["a"])
                }
            }
            #expect(error?.isUniqueViolation == true)
            #expect(try names(connection) == [])
        }
    }

    @Test func nestedTransactionIsASavepoint() throws {
        try TestDatabase.withSchema { database in
            let connection = try counter(database)
            try connection.withTransaction { tx in
                try tx.execute("INSERT INTO items VALUES ($1)", ["outer"])
                #expect(throws: PostgresError.self) {
                    try tx.withTransaction { inner in
                        try inner.execute("INSERT INTO items VALUES ($1)", ["inner"])
                        try inner.execute("INSERT INTO items VALUES ($1)", ["outer"])
                    }
                }
                try tx.withTransaction { inner in try inner.execute("INSERT INTO items VALUES ($1)", ["kept"]) }
            }
            #expect(try names(connection) == ["kept", "outer"])
        }
    }

    @Test func swallowedStatementFailureMakesCommitThrow() throws {
        try TestDatabase.withSchema { database in
            let connection = try counter(database)
            let error = #expect(throws: PostgresError.self) {
                try connection.withTransaction { tx in
                    try tx.execute("INSERT INTO items VALUES ($1)", ["a"])
                    _ = try? tx.execute("INSERT INTO items VALUES ($1)", ["a"])
                }
            }
            #expect(error?.statement == "COMMIT")
            #expect(try names(connection) == [])
        }
    }
}
