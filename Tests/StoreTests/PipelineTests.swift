// Writes queued with `executeLater` go out with the transaction's next statement or its COMMIT and
// are dropped with a scope that throws; `fetch` answers several queries from one round trip, and
// `queryAndCommit(thenFetch:)` reads after COMMIT in the same one; the connection counts its round
// trips.

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
                ShopStore.rowIdQuery(tiktokShopId: "no-such-shop"),
                CustomerStore.recordOrderQuery(buyerId: "buyer-1", tiktokOrderId: "order-1"))
            #expect(shops == nil)
            #expect(customer?.tier == .new)
            let again = try connection.fetch(
                .all([CustomerStore.recordOrderQuery(buyerId: "buyer-1", tiktokOrderId: "order-2")]))
            #expect(again.map { $0?.tier } == [.repeatCustomer])
        }
    }

    @Test func aStoredOrderIsNotCountedForItsCustomerAgain() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            try connection.execute(
                "INSERT INTO shops (tiktok_shop_id, name, region, cipher) VALUES ('s1', 'Shop', 'US', 'c')")
            try connection.execute(
                """
                INSERT INTO orders (tiktok_order_id, shop_id, status, internal_state)
                SELECT 'stored', id, 'AWAITING_SHIPMENT', 'classified' FROM shops
                """)
            let customers = CustomerStore(connection: connection)
            #expect(try customers.recordOrder(buyerId: "buyer-1", tiktokOrderId: "stored") == nil)
            #expect(try customers.recordOrder(buyerId: "buyer-1", tiktokOrderId: "new")?.tier == .new)
            #expect(try customers.recordOrder(buyerId: "buyer-1", tiktokOrderId: "stored") == nil)
            let counted = try connection.query("SELECT order_count FROM customers")[0]["order_count", as: Int.self]
            #expect(counted == 1, "only the order not yet stored was counted")
        }
    }
    /// A read that tells whether it ran inside a transaction that has written (outside one, or in
    /// a new one, no transaction id is assigned yet).
    private var written: PostgresQuery<Bool> {
        PostgresQuery("SELECT txid_current_if_assigned() IS NOT NULL AS written") { try $0[0]["written", as: Bool.self] }
    }

    @Test func readsAfterCommitGoWithItInOneRoundTripAndSeeItsWork() throws {
        try TestDatabase.withSchema { database in
            let connection = try items(database)
            let count = PostgresQuery<Int>("SELECT count(*) AS n FROM items") { try $0[0]["n", as: Int.self] }
            for round in 1...2 {
                let before = connection.roundTrips
                let (rows, (seen, inTransaction)) = try connection.withTransaction { tx -> (PostgresRows, (Int, Bool)) in
                    try tx.executeLater("INSERT INTO items VALUES ($1)", [.string("a\(round)")])
                    return try tx.queryAndCommit(
                        "INSERT INTO items VALUES ($1) RETURNING name", [.string("b\(round)")],
                        thenFetch: count.and(written))
                }
                #expect(connection.roundTrips - before == 1, "BEGIN, both inserts, COMMIT and the reads (round \(round))")
                #expect(try rows.map { try $0["name", as: String.self] } == ["b\(round)"])
                #expect(seen == round * 2, "the reads see the committed inserts")
                #expect(!inTransaction, "the reads ran after COMMIT, outside the transaction")
                #expect(!connection.isInTransaction)
            }
            #expect(try names(try database.connect()) == ["a1", "a2", "b1", "b2"])
            let (_, nothing) = try connection.withTransaction { tx in
                try tx.queryAndCommit("INSERT INTO items VALUES ($1)", ["c"], thenFetch: PostgresQuery<Int>.constant(7))
            }
            #expect(nothing == 7)
            let after = #expect(throws: PostgresError.self) {
                try connection.withTransaction { tx in
                    _ = try tx.queryAndCommit("INSERT INTO items VALUES ($1)", ["d"], thenFetch: count)
                    try tx.execute("INSERT INTO items VALUES ($1)", ["e"])
                }
            }
            #expect(after?.kind == .invalidUsage, "a statement after the commit would run outside the transaction")
            #expect(try names(connection) == ["a1", "a2", "b1", "b2", "c", "d"])
        }
    }

    @Test func aFailingFinalStatementSkipsTheReadsAfterCommit() throws {
        try TestDatabase.withSchema { database in
            let connection = try items(database)
            try connection.execute("CREATE SEQUENCE reads")
            let advance = PostgresQuery<Int>("SELECT nextval('reads') AS n") { try $0[0]["n", as: Int.self] }
            let error = #expect(throws: PostgresError.self) {
                try connection.withTransaction { tx in
                    try tx.executeLater("INSERT INTO items VALUES ($1)", ["a"])
                    _ = try tx.queryAndCommit("INSERT INTO items VALUES ($1)", ["a"], thenFetch: advance)
                }
            }
            #expect(error?.isUniqueViolation == true)
            #expect(error?.statement == "INSERT INTO items VALUES ($1)")
            #expect(!connection.isInTransaction)
            #expect(try names(connection) == [], "nothing was committed")
            #expect(try connection.fetch(advance) == 1, "the read after COMMIT never ran")
        }
    }

    @Test func aFailingReadAfterCommitThrowsWithTheTransactionCommitted() throws {
        try TestDatabase.withSchema { database in
            let connection = try items(database)
            let failing = PostgresQuery<Int>("SELECT 1 / $1::int AS n", [.int(0)]) { try $0[0]["n", as: Int.self] }
            let error = #expect(throws: PostgresError.self) {
                try connection.withTransaction { tx in
                    _ = try tx.queryAndCommit("INSERT INTO items VALUES ($1)", ["a"], thenFetch: written.and(failing))
                }
            }
            #expect(error?.sqlState == "22012")
            #expect(error?.statement == "SELECT 1 / $1::int AS n")
            #expect(!connection.isInTransaction)
            #expect(try names(try database.connect()) == ["a"], "the transaction committed before the read failed")
            try connection.withTransaction { tx in try tx.queryAndCommit("INSERT INTO items VALUES ($1)", ["b"]) }
            #expect(try names(connection) == ["a", "b"], "the connection is usable")
        }
    }
}
