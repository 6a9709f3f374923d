// Errors carry SQLSTATE, message and the failing SQL, but never bound values or the URL's
// password, and they are classified retryable or permanent.

import TestSupport
import Foundation
import Store
import Testing

@Suite struct PostgresErrorTests {
    @Test func descriptionHasTheStatementButNotTheValues() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.connect()
            let sql = "SELECT token FROM missing_table WHERE token = $1"
            let error = #expect(throws: PostgresError.self) {
                try connection.query(sql, ["tok-9f8e7d6c5b4a"])
            }
            #expect(error?.sqlState == "42P01")
            #expect(error?.kind == .server)
            #expect(error?.statement == sql)
            #expect(error?.description.contains("missing_table") == true)
            #expect(error?.description.contains("tok-9f8e7d6c5b4a") == false)
            #expect(error?.isRetryable == false)
        }
    }

    @Test func wrongPasswordNeverAppearsInTheError() throws {
        let url = try TestDatabase.databaseURL()
        let secret = "Sup3r-Secret-Pa55word"
        var components = try #require(URLComponents(string: url))
        components.user = components.user ?? "postgres"
        components.password = secret
        components.path = "/no_such_database_\(UUID().uuidString.prefix(8))"
        let withPassword = try #require(components.string)
        components.port = 1
        let unreachable = try #require(components.string)
        let malformed = withPassword.replacingOccurrences(of: secret, with: secret + "%zz")

        for target in [withPassword, unreachable, malformed] {
            let error = #expect(throws: PostgresError.self) { try PostgresConnection(url: target) }
            #expect(error?.kind == .connection)
            #expect(error?.isRetryable == true)
            #expect(error?.description.contains(secret) == false)
            #expect(error?.message.isEmpty == false)
        }
        #expect(PostgresConfiguration(url: withPassword).description.contains(secret) == false)
    }

    @Test func classifiesRetryableStates() {
        let retryable = ["40001", "40P01", "08006", "57P01", "53300"]
        for state in retryable {
            #expect(PostgresError(kind: .server, sqlState: state, message: "x").isRetryable, "\(state)")
        }
        for state in ["23505", "23514", "42601", "22P02"] {
            #expect(!PostgresError(kind: .server, sqlState: state, message: "x").isRetryable, "\(state)")
        }
        #expect(PostgresError(kind: .connection, message: "gone").isRetryable)
        #expect(!PostgresError(kind: .decoding, message: "bad").isRetryable)
    }

    @Test func serializationFailureIsRetryable() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.connect()
            let error = #expect(throws: PostgresError.self) {
                try connection.execute(
                    "DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'serialization_failure', MESSAGE = 'conflict'; END $$")
            }
            #expect(error?.sqlState == "40001")
            #expect(error?.isRetryable == true)
            #expect(try connection.query("SELECT 1 AS one")[0]["one", as: Int.self] == 1)
        }
    }

    @Test func statementTimeoutCancelsSlowStatements() throws {
        try TestDatabase.withSchema { database in
            let configuration = PostgresConfiguration(
                url: database.url, searchPath: database.schema, timeouts: SessionTimeouts(statement: .milliseconds(50)))
            let connection = try PostgresConnection(configuration: configuration)
            let error = #expect(throws: PostgresError.self) { try connection.execute("SELECT pg_sleep(2)") }
            #expect(error?.sqlState == "57014")
            #expect(try connection.query("SELECT 1 AS one")[0]["one", as: Int.self] == 1)
        }
    }

    @Test func unknownColumnIsAUsageError() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.connect()
            let rows = try connection.query("SELECT 1 AS one")
            let error = #expect(throws: PostgresError.self) { try rows[0]["two", as: Int.self] }
            #expect(error?.kind == .invalidUsage)
        }
    }
}
