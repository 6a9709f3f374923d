// The schema enforces the invariants the application relies on, and the violations surface as
// PostgresError with their SQLSTATE and constraint name.

import TestSupport
import Foundation
import Store
import Testing

@Suite struct SchemaConstraintTests {
    @Test func reservedCannotExceedOnHand() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            try connection.execute("INSERT INTO inventory (sku_id, on_hand, reserved) VALUES ($1, 5, 5)", ["SKU-1"])
            let error = #expect(throws: PostgresError.self) {
                try connection.execute("UPDATE inventory SET reserved = reserved + 1 WHERE sku_id = $1", ["SKU-1"])
            }
            #expect(error?.sqlState == "23514")
            #expect(error?.isCheckViolation == true)
            #expect(error?.constraint == "inventory_reserved_within_on_hand")
            #expect(error?.isRetryable == false)
            #expect(throws: PostgresError.self) {
                try connection.execute("INSERT INTO inventory (sku_id, on_hand) VALUES ($1, -1)", ["SKU-2"])
            }
        }
    }

    @Test func duplicateNotificationIsAUniqueViolation() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let insert = """
                INSERT INTO webhook_events (notification_id, type, shop_id, order_id, update_time, raw_body)
                VALUES ($1, $2, $3, $4, $5, $6)
                """
            let body = PostgresValue.bytes(Data("{}".utf8))
            try connection.execute(insert, ["n-1", 1, "shop", "o-1", 100, body])
            let error = #expect(throws: PostgresError.self) {
                try connection.execute(insert, ["n-1", 1, "shop", "o-2", 200, body])
            }
            #expect(error?.sqlState == "23505")
            #expect(error?.isUniqueViolation == true)
            #expect(error?.constraint == "webhook_events_notification_id_key")
            let repeated = #expect(throws: PostgresError.self) {
                try connection.execute(insert, ["n-2", 1, "shop", "o-1", 100, body])
            }
            #expect(repeated?.constraint == "webhook_events_dedupe_key")
            try connection.execute(insert, ["n-3", 2, "shop", nil, nil, body])
            try connection.execute(insert, ["n-4", 2, "shop", nil, nil, body])
        }
    }

    @Test func onlyOneOpenAlertPerKey() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let open = "INSERT INTO alerts (key, severity, message) VALUES ($1, 'critical', 'queue backed up')"
            try connection.execute(open, ["queue.depth"])
            let error = #expect(throws: PostgresError.self) { try connection.execute(open, ["queue.depth"]) }
            #expect(error?.constraint == "alerts_one_open_per_key")
            try connection.execute("UPDATE alerts SET state = 'resolved', resolved_at = now() WHERE key = $1", ["queue.depth"])
            try connection.execute(open, ["queue.depth"])
            #expect(try connection.query("SELECT count(*) AS n FROM alerts")[0]["n", as: Int.self] == 2)
        }
    }

    @Test func priorityScoreAndTierAreBounded() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let shop = try connection.query(
                "INSERT INTO shops (tiktok_shop_id, name, region, cipher) VALUES ($1, $2, $3, $4) RETURNING id",
                ["7001", "Shop", "US", "cipher"])[0]["id", as: Int.self]
            let order = "INSERT INTO orders (tiktok_order_id, shop_id, status, internal_state, priority_score) VALUES ($1, $2, 'AWAITING_SHIPMENT', 'new', $3)"
            try connection.execute(order, ["o-1", .int(shop), 100])
            let error = #expect(throws: PostgresError.self) { try connection.execute(order, ["o-2", .int(shop), 101]) }
            #expect(error?.isCheckViolation == true)
            #expect(throws: PostgresError.self) {
                try connection.execute("INSERT INTO customers (tiktok_buyer_id, tier) VALUES ($1, $2)", ["b-1", "GOLD"])
            }
        }
    }
}
