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

    @Test func firstStatementRunsInsideTheTransaction() throws {
        try TestDatabase.withSchema { database in
            let connection = try counter(database)
            let (first, second) = try connection.withTransaction { tx in
                (try tx.query("SELECT txid_current() AS id")[0]["id", as: Int64.self],
                 try tx.query("SELECT txid_current() AS id")[0]["id", as: Int64.self])
            }
            #expect(first == second, "BEGIN sent with the first statement opened the transaction")
            let outside = try connection.query("SELECT txid_current() AS id")[0]["id", as: Int64.self]
            #expect(outside != first)
        }
    }

    @Test func failingFirstStatementReportsItselfAndLeavesTheConnectionUsable() throws {
        try TestDatabase.withSchema { database in
            let connection = try counter(database)
            let badSQL = #expect(throws: PostgresError.self) {
                try connection.withTransaction { tx in try tx.execute("INSERT INTO no_such_table VALUES ($1)", ["a"]) }
            }
            #expect(badSQL?.sqlState == "42P01")
            #expect(badSQL?.statement == "INSERT INTO no_such_table VALUES ($1)")
            let duplicate = #expect(throws: PostgresError.self) {
                try connection.withTransaction { tx in
                    try tx.execute("INSERT INTO items VALUES ($1), ($1)", ["a"])
                }
            }
            #expect(duplicate?.isUniqueViolation == true)
            #expect(!connection.isInTransaction)
            try connection.withTransaction { tx in try tx.execute("INSERT INTO items VALUES ($1), ($2)", ["a", "b"]) }
            #expect(try names(connection) == ["a", "b"])
        }
    }

    @Test func transactionWithoutStatementsReturnsItsValue() throws {
        try TestDatabase.withSchema { database in
            let connection = try counter(database)
            let value = try connection.withTransaction { _ in 7 }
            #expect(value == 7)
            #expect(!connection.isInTransaction)
            #expect(throws: Boom.self) { try connection.withTransaction { _ in throw Boom() } }
            #expect(try names(connection) == [])
        }
    }

    @Test func scriptAfterPendingBeginRunsInTheTransaction() throws {
        try TestDatabase.withSchema { database in
            let connection = try counter(database)
            #expect(throws: Boom.self) {
                try connection.withTransaction { tx in
                    try tx.executeScript("INSERT INTO items VALUES ('a'); INSERT INTO items VALUES ('b')")
                    throw Boom()
                }
            }
            #expect(try names(connection) == [], "the script was rolled back with its transaction")
        }
    }

    @Test func queryAndCommitEndsTheTransactionWithItsFinalStatement() throws {
        try TestDatabase.withSchema { database in
            let connection = try counter(database)
            let inserted = try connection.withTransaction { tx in
                try tx.execute("INSERT INTO items VALUES ($1)", ["a"])
                return try tx.queryAndCommit("INSERT INTO items VALUES ($1) RETURNING name", ["b"]).count
            }
            #expect(inserted == 1)
            #expect(!connection.isInTransaction)
            #expect(try names(try database.connect()) == ["a", "b"])

            let after = #expect(throws: PostgresError.self) {
                try connection.withTransaction { tx in
                    try tx.queryAndCommit("INSERT INTO items VALUES ($1)", ["c"])
                    try tx.execute("INSERT INTO items VALUES ($1)", ["d"])
                }
            }
            #expect(after?.kind == .invalidUsage, "a statement after the commit would run outside the transaction")
            #expect(try names(connection) == ["a", "b", "c"])
        }
    }

    @Test func failingFinalStatementCommitsNothing() throws {
        try TestDatabase.withSchema { database in
            let connection = try counter(database)
            let error = #expect(throws: PostgresError.self) {
                try connection.withTransaction { tx in
                    try tx.execute("INSERT INTO items VALUES ($1)", ["a"])
                    try tx.queryAndCommit("INSERT INTO items VALUES ($1)", ["a"])
                }
            }
            #expect(error?.isUniqueViolation == true)
            #expect(!connection.isInTransaction)
            #expect(try names(connection) == [], "the first insert was rolled back with the failed final one")
            try connection.withTransaction { tx in try tx.queryAndCommit("INSERT INTO items VALUES ($1)", ["only"]) }
            #expect(try names(connection) == ["only"], "a transaction whose only statement is final: BEGIN, it and COMMIT at once")
        }
    }

    @Test func queryAndCommitNeedsAnOutermostTransaction() throws {
        try TestDatabase.withSchema { database in
            let connection = try counter(database)
            let outside = #expect(throws: PostgresError.self) { try connection.queryAndCommit("SELECT 1") }
            #expect(outside?.kind == .invalidUsage)
            let nested = #expect(throws: PostgresError.self) {
                try connection.withTransaction { tx in
                    try tx.execute("INSERT INTO items VALUES ($1)", ["a"])
                    try tx.withTransaction { inner in try inner.queryAndCommit("SELECT 1") }
                }
            }
            #expect(nested?.kind == .invalidUsage)
            #expect(try names(connection) == [])
        }
    }
}
