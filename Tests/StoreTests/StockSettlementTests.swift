// InventoryStore's settlement of an order's held stock against real PostgreSQL: a release makes
// units available again and raises the SKU's stock-sync request; shipping consumes them from on
// hand and reserved together, which leaves what is available (and what TikTok Shop was told) as it
// was, so it raises none.

import Store
import Testing
import TestSupport

@Suite struct StockSettlementTests {
    private struct Stock: Equatable {
        var onHand: Int
        var reserved: Int
        var syncPending: Bool
    }

    /// A shop, order `tiktokOrderId` and SKU `sku-s` with 10 on hand; returns the order's row id.
    private func seedOrder(_ connection: PostgresConnection, _ tiktokOrderId: String) throws -> Int64 {
        try connection.execute(
            """
            INSERT INTO shops (tiktok_shop_id, name, region, cipher) VALUES ('s1', 'Shop', 'US', 'c')
            ON CONFLICT DO NOTHING
            """)
        try connection.execute("INSERT INTO inventory (sku_id, on_hand) VALUES ('sku-s', 10) ON CONFLICT DO NOTHING")
        return try connection.query(
            """
            INSERT INTO orders (tiktok_order_id, shop_id, status, internal_state)
            SELECT $1, id, 'AWAITING_SHIPMENT', 'classified' FROM shops WHERE tiktok_shop_id = 's1' RETURNING id
            """, [.string(tiktokOrderId)])[0]["id", as: Int64.self]
    }

    /// Holds 3 units for `orderId`, then clears the sync request the hold raised, as a
    /// `stock-sync` job would.
    private func holdThreeUnits(_ connection: PostgresConnection, orderId: Int64) throws {
        let (syncs, _) = try connection.withTransaction { db in
            try InventoryStore(connection: db).reserveAndCommit(
                orderId: orderId, lines: [OrderLine(skuId: "sku-s", quantity: 3)],
                thenFetch: .all([PostgresQuery<Int>]()))
        }
        #expect(syncs == ["sku-s"], "a hold changes what is available")
        #expect(try InventoryStore(connection: connection).takeSyncRequest(skuId: "sku-s")?.available == 7)
    }

    private func stock(_ connection: PostgresConnection) throws -> Stock {
        let row = try connection.query(
            "SELECT on_hand, reserved, sync_pending FROM inventory WHERE sku_id = 'sku-s'")[0]
        return Stock(
            onHand: try row["on_hand", as: Int.self], reserved: try row["reserved", as: Int.self],
            syncPending: try row["sync_pending", as: Bool.self])
    }

    private func reservationState(_ connection: PostgresConnection, orderId: Int64) throws -> String {
        try connection.query("SELECT state FROM reservations WHERE order_id = $1", [.int64(orderId)])[0][
            "state", as: String.self]
    }

    @Test func shippingConsumesOnHandAndReservedTogetherAndRaisesNoSync() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let order = try seedOrder(connection, "o-ship")
            try holdThreeUnits(connection, orderId: order)
            #expect(try stock(connection) == Stock(onHand: 10, reserved: 3, syncPending: false))

            try connection.withTransaction { db in try InventoryStore(connection: db).consumeAndCommit(orderId: order) }

            #expect(
                try stock(connection) == Stock(onHand: 7, reserved: 0, syncPending: false), "7 available, as before")
            #expect(try reservationState(connection, orderId: order) == "consumed")
        }
    }

    @Test func releasingMakesUnitsAvailableAndRaisesTheSync() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let order = try seedOrder(connection, "o-cancel")
            try holdThreeUnits(connection, orderId: order)

            let syncs = try connection.withTransaction { db in
                try InventoryStore(connection: db).release(orderId: order)
            }

            #expect(syncs == ["sku-s"])
            #expect(try stock(connection) == Stock(onHand: 10, reserved: 0, syncPending: true))
            #expect(try reservationState(connection, orderId: order) == "released")
        }
    }
}
