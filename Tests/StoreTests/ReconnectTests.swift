// After the server ends a session the connection resets and retries once, re-applying the
// search path; inside a transaction the loss surfaces as a retryable error instead.

import TestSupport
import Store
import Testing

@Suite struct ReconnectTests {
    private func backendPID(_ connection: PostgresConnection) throws -> Int {
        try connection.query("SELECT pg_backend_pid() AS pid")[0]["pid", as: Int.self]
    }

    private func terminate(_ pid: Int, from database: TestDatabase) throws {
        let killer = try database.connect()
        let rows = try killer.query("SELECT pg_terminate_backend($1::int, 5000) AS done", [.int(pid)])
        #expect(try rows[0]["done", as: Bool.self])
    }

    @Test func nextQuerySucceedsAfterTheBackendIsTerminated() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.connect()
            try connection.execute("CREATE TABLE marker (id int)")
            try connection.execute("INSERT INTO marker VALUES (1)")
            let before = try backendPID(connection)
            try terminate(before, from: database)

            let rows = try connection.query("SELECT count(*) AS n, pg_backend_pid() AS pid FROM marker")
            #expect(try rows[0]["n", as: Int.self] == 1)
            #expect(try rows[0]["pid", as: Int.self] != before)
        }
    }

    @Test func lossInsideATransactionIsReportedNotRetried() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.connect()
            try connection.execute("CREATE TABLE marker (id int)")
            let error = #expect(throws: PostgresError.self) {
                try connection.withTransaction { tx in
                    try tx.execute("INSERT INTO marker VALUES (1)")
                    try terminate(try backendPID(tx), from: database)
                    try tx.execute("INSERT INTO marker VALUES (2)")
                }
            }
            #expect(error?.kind == .connection)
            #expect(error?.isRetryable == true)
            #expect(!connection.isInTransaction)
            #expect(try connection.query("SELECT count(*) AS n FROM marker")[0]["n", as: Int.self] == 0)
        }
    }
}
