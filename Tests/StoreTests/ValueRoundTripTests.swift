// Every supported parameter type goes to the server as a bound parameter and decodes back
// unchanged; hostile strings are stored verbatim, proving nothing is spliced into SQL.

import TestSupport
import Foundation
import Store
import Testing

@Suite struct ValueRoundTripTests {
    @Test func everySupportedTypeRoundTrips() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.connect()
            let date = Date(timeIntervalSince1970: 1_714_000_000.123456)
            let id = UUID()
            let bytes = Data([0, 1, 2, 0xff, 0x5c, 0x27, 0x00])
            let rows = try connection.query(
                """
                SELECT $1 AS text, $2 AS int, $3 AS big, $4 AS double, $5 AS yes, $6 AS no, $7 AS instant,
                       $8 AS bytes, $9 AS id, $10::text AS missing, $11 AS json
                """,
                [
                    .string("héllo 🚀"), .int(-42), .int64(.max), .double(3.25), .bool(true), .bool(false),
                    .date(date), .bytes(bytes), .uuid(id), nil, .json(#"{"a": [1, 2]}"#),
                ])
            let row = try #require(rows.first)
            #expect(rows.count == 1)
            #expect(try row["text", as: String.self] == "héllo 🚀")
            #expect(try row["int", as: Int.self] == -42)
            #expect(try row["big", as: Int64.self] == .max)
            #expect(try row["double", as: Double.self] == 3.25)
            #expect(try row["yes", as: Bool.self] == true)
            #expect(try row["no", as: Bool.self] == false)
            let instant = try row["instant", as: Date.self]
            #expect(abs(instant.timeIntervalSince1970 - date.timeIntervalSince1970) < 0.000_001)
            #expect(try row["bytes", as: Data.self] == bytes)
            #expect(try row["id", as: UUID.self] == id)
            #expect(try row["missing", as: String?.self] == nil)
            #expect(try row["json", as: String.self] == #"{"a": [1, 2]}"#)
            #expect(try row.decode(Int.self, at: 1) == -42)
        }
    }

    @Test func nullsDecodeAsOptionalsOfEveryType() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.connect()
            let rows = try connection.query(
                """
                SELECT $1::text AS s, $1::int8 AS i, $1::float8 AS d, $1::bool AS b, $1::timestamptz AS t,
                       $1::bytea AS x, $1::uuid AS u
                """, [nil])
            let row = try #require(rows.first)
            #expect(try row["s", as: String?.self] == nil)
            #expect(try row["i", as: Int?.self] == nil)
            #expect(try row["i", as: Int64?.self] == nil)
            #expect(try row["d", as: Double?.self] == nil)
            #expect(try row["b", as: Bool?.self] == nil)
            #expect(try row["t", as: Date?.self] == nil)
            #expect(try row["x", as: Data?.self] == nil)
            #expect(try row["u", as: UUID?.self] == nil)
            let error = #expect(throws: PostgresError.self) { try row["i", as: Int.self] }
            #expect(error?.kind == .decoding)
            #expect(error?.message.contains("\"i\"") == true)
        }
    }

    @Test func hostileStringsAreStoredVerbatim() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.connect()
            try connection.execute("CREATE TABLE notes (body text NOT NULL)")
            let hostile = [
                "Robert'); DROP TABLE notes; --", "'; SELECT pg_sleep(10); '", "$1 $2 \\' \"quoted\"", "a;b;c", "",
            ]
            for text in hostile {
                #expect(try connection.execute("INSERT INTO notes (body) VALUES ($1)", [.string(text)]) == 1)
            }
            let stored = try connection.query("SELECT body FROM notes").map { try $0["body", as: String.self] }
            #expect(stored.sorted() == hostile.sorted())
            let matches = try connection.query("SELECT count(*) AS n FROM notes WHERE body = $1", [.string(hostile[0])])
            #expect(try matches[0]["n", as: Int.self] == 1)
        }
    }

    @Test func datesAgreeWithTheServersClock() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.connect()
            let instants: [Double] = [0, -1_000_000.5, 951_782_400, 1_709_164_800.000_001, 4_102_444_800.25, -62_135_596_800]
            for seconds in instants {
                let date = Date(timeIntervalSince1970: seconds)
                let rows = try connection.query(
                    "SELECT extract(epoch FROM $1)::float8 AS epoch, $1 AS echoed", [.date(date)])
                #expect(abs(try rows[0]["epoch", as: Double.self] - seconds) < 0.000_001)
                #expect(abs(try rows[0]["echoed", as: Date.self].timeIntervalSince1970 - seconds) < 0.000_001)
            }
            let server = try connection.query("SELECT now() AS now")[0]["now", as: Date.self]
            #expect(abs(server.timeIntervalSinceNow) < 60)
        }
    }

    @Test func floatingPointEdgeCasesRoundTrip() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.connect()
            let values: [Double] = [.infinity, -.infinity, 1e-300, -0.1, 123_456_789.987_654_3]
            for value in values {
                #expect(try connection.query("SELECT $1 AS v", [.double(value)])[0]["v", as: Double.self] == value)
            }
            #expect(try connection.query("SELECT $1 AS v", [.double(.nan)])[0]["v", as: Double.self].isNaN)
        }
    }

    @Test func rawRepresentableEnumsDecode() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.connect()
            let rows = try connection.query("SELECT $1 AS outcome, $2 AS bogus", ["dead", "exploded"])
            #expect(try rows[0]["outcome", as: JobRun.Outcome.self] == .dead)
            #expect(throws: PostgresError.self) { try rows[0]["bogus", as: JobRun.Outcome.self] }
        }
    }

    @Test func textWithNulBytesIsRejectedBeforeSending() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.connect()
            let error = #expect(throws: PostgresError.self) { try connection.query("SELECT $1 AS v", ["a\u{0}b"]) }
            #expect(error?.kind == .invalidUsage)
        }
    }
}
