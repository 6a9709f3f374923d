// Writes queued with `executeLater` go out with the transaction's next statement or its COMMIT and
// are dropped with a scope that throws; `fetch` answers several queries from one round trip; the
// connection counts its round trips.

import Domain
@testable import Store
import TestSupport
import Testing

@Suite struct PipelineTests {
    private struct Boom: Error {}

    private func items(_ database: TestDatabase) throws -> PostgresConnection {
        let connection = try database.connect()
        try connection.execute("CREATE TABLE items (name text PRIMARY KEY)")
        return connection
    }

    private func names(_ connection: PostgresConnection) throws -> [String] {
        try connection.query("SELECT name FROM items ORDER BY name").map { try $0["name", as: String.self] }
    }

    @Test func queuedWritesGoOutWithTheNextStatementAndTheCommit() throws {
        try TestDatabase.withSchema { database in
            let connection = try items(database)
            let seen = try connection.withTransaction { tx in
                try tx.executeLater("INSERT INTO items VALUES ($1)", ["a"])
                let seen = try tx.query("SELECT count(*) AS n FROM items")[0]["n", as: Int.self]
                try tx.executeLater("INSERT INTO items VALUES ($1)", ["b"])
                return seen
            }
            #expect(seen == 1, "the queued insert ran before the statement after it")
            #expect(!connection.isInTransaction)
            #expect(try names(try database.connect()) == ["a", "b"], "the last queued insert went out with COMMIT")
        }
    }

    @Test func aTransactionOfQueuedWritesAroundOneReadTakesTwoRoundTrips() throws {
        try TestDatabase.withSchema { database in
            let connection = try items(database)
            let before = connection.roundTrips
            try connection.withTransaction { tx in
                try tx.executeLater("INSERT INTO items VALUES ($1)", ["a"])
                _ = try tx.fetch(
                    PostgresQuery("SELECT count(*) AS n FROM items") { try $0[0]["n", as: Int.self] },
                    PostgresQuery("SELECT max(name) AS m FROM items") { try $0[0]["m", as: String?.self] })
                try tx.executeLater("INSERT INTO items VALUES ($1)", ["b"])
            }
            #expect(connection.roundTrips - before == 2, "BEGIN, the insert and both reads; the last insert and COMMIT")
            _ = try names(connection)
            #expect(connection.roundTrips - before == 3)
        }
    }

    @Test func aFailingQueuedWriteNamesItselfAndRollsBackEverything() throws {
        try TestDatabase.withSchema { database in
            let connection = try items(database)
            let error = #expect(throws: PostgresError.self) {
                try connection.withTransaction { tx in
                    try tx.execute("INSERT INTO items VALUES ($1)", ["a"])
                    try tx.executeLater("INSERT INTO items VALUES ($1)", ["a"])
                    try tx.executeLater("INSERT INTO items VALUES ($1)", ["b"])
                }
            }
            #expect(error?.isUniqueViolation == true)
            #expect(error?.statement == "INSERT INTO items VALUES ($1)")
            #expect(!connection.isInTransaction)
            #expect(try names(connection) == [])
            try connection.withTransaction { tx in try tx.executeLater("INSERT INTO items VALUES ($1)", ["c"]) }
            #expect(try names(connection) == ["c"], "the connection is usable, and a scope of queued writes only commits them")
        }
    }

    @Test func queuedWritesOfAThrowingScopeAreDropped() throws {
        try TestDatabase.withSchema { database in
            let connection = try items(database)
            #expect(throws: Boom.self) {
                try connection.withTransaction { tx in
                    try tx.executeLater("INSERT INTO items VALUES ($1)", ["a"])
                    throw Boom()
                }
            }
            try connection.withTransaction { tx in
                try tx.executeLater("INSERT INTO items VALUES ($1)", ["outer"])
                try? tx.withTransaction { inner in
                    try inner.executeLater("INSERT INTO items VALUES ($1)", ["inner"])
                    throw Boom()
                }
            }
            #expect(try names(connection) == ["outer"])
            try connection.executeLater("INSERT INTO items VALUES ($1)", ["now"])
            #expect(try names(try database.connect()) == ["now", "outer"], "outside a transaction a write runs at once")
        }
    }

    @Test func fetchAnswersEveryQueryInOrder() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let (shops, customer) = try connection.fetch(
                ShopStore.rowIdQuery(tiktokShopId: "no-such-shop"), CustomerStore.recordOrderQuery(buyerId: "buyer-1"))
            #expect(shops == nil)
            #expect(customer.tier == .new)
            let again = try connection.fetch(.all([CustomerStore.recordOrderQuery(buyerId: "buyer-1")]))
            #expect(again.map(\.tier) == [.repeatCustomer])
        }
    }
}
