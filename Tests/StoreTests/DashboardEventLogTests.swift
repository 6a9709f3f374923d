// The dashboard's event log against real PostgreSQL: the triggers write an order's changes to it,
// a row is read only once its transaction commits, an id skipped while its writer was still open
// is returned when asked for again, and every table's trigger logs its event type, also for a
// session whose search path is elsewhere.

import Store
import Testing
import TestSupport

@Suite struct DashboardEventLogTests {
    private func seedShop(_ connection: PostgresConnection) throws -> Int64 {
        try connection.execute("INSERT INTO shops (tiktok_shop_id, name, region, cipher) VALUES ('s1', 'Shop', 'US', 'c')")
        return try #require(try ShopStore(connection: connection).rowId(tiktokShopId: "s1"))
    }

    private func insertOrder(_ connection: PostgresConnection, shop: Int64, id: String) throws {
        try connection.execute(
            "INSERT INTO orders (tiktok_order_id, shop_id, status, internal_state) VALUES ($1, $2, 'AWAITING_SHIPMENT', 'received')",
            [.string(id), .int64(shop)])
    }

    @Test func anOrdersChangesAreLoggedOnlyOnceCommitted() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let shop = try seedShop(connection)
            let log = DashboardEventLog(connection: try database.connect())
            let start = try log.latestId()

            let writer = try database.connect()
            try writer.execute("BEGIN")
            try insertOrder(writer, shop: shop, id: "open-order")
            #expect(try log.events(after: start, orAmong: [], limit: 10).isEmpty, "an open transaction's event is not seen")
            try insertOrder(connection, shop: shop, id: "committed-order")
            let first = try log.events(after: start, orAmong: [], limit: 10)
            #expect(first.count == 1)
            #expect(first[0].payload.contains("committed-order"))
            #expect(first[0].payload.contains(#""type" : "order.created""#) || first[0].payload.contains(#""type":"order.created""#))
            #expect(first[0].id > start + 1, "the open transaction took the id before it")

            let skipped = Array((start + 1)..<first[0].id)
            #expect(try log.events(after: first[0].id, orAmong: skipped, limit: 10).isEmpty)
            try writer.execute("COMMIT")
            let late = try log.events(after: first[0].id, orAmong: skipped, limit: 10)
            #expect(late.map(\.payload).contains { $0.contains("open-order") })
            #expect(try log.latestId() == first[0].id)
        }
    }

    @Test func everyTriggerLogsItsEventFromASessionWithAnotherSearchPath() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let shop = try seedShop(connection)
            let log = DashboardEventLog(connection: connection)
            let start = try log.latestId()

            let outsider = try PostgresConnection(url: try TestDatabase.databaseURL())
            let schema = PostgresIdentifier.quoted(database.schema)
            try outsider.execute("SET search_path TO public")
            let writes = [
                """
                INSERT INTO \(schema).orders (tiktok_order_id, shop_id, status, internal_state)
                VALUES ('o1', \(shop), 'AWAITING_SHIPMENT', 'received')
                """,
                "UPDATE \(schema).orders SET internal_state = 'reserved' WHERE tiktok_order_id = 'o1'",
                "INSERT INTO \(schema).inventory (sku_id, on_hand) VALUES ('sku-1', 5)",
                "UPDATE \(schema).inventory SET reserved = 1 WHERE sku_id = 'sku-1'",
                "INSERT INTO \(schema).alerts (key, severity, message) VALUES ('stock.critical:sku-1', 'critical', 'low')",
                "INSERT INTO \(schema).alerts (key, severity, message) VALUES ('health:redis', 'warning', 'slow')",
                "UPDATE \(schema).alerts SET state = 'resolved', resolved_at = now() WHERE key = 'health:redis'",
                """
                INSERT INTO \(schema).purchase_orders (sku_id, quantity, kind, idempotency_key, status)
                VALUES ('sku-1', 10, 'standard', 'po-1', 'placed')
                """,
                "INSERT INTO \(schema).health_checks (subsystem, status, score) VALUES ('redis', 'healthy', 100)",
            ]
            for write in writes { try outsider.execute(write) }

            let types = try log.events(after: start, orAmong: [], limit: 100).map { event in
                try #require(event.payload.firstMatch(of: /"type" ?: ?"([a-z.]+)"/)).1
            }
            #expect(types == [
                "order.created", "order.updated", "inventory.updated", "inventory.updated", "inventory.critical",
                "alert.raised", "alert.resolved", "purchase.updated", "health.update",
            ])
        }
    }
}
