// TrackingEventStore against real PostgreSQL: shipments found by tracking number (the event's
// carrier first), scans appended once per dedupe key, and the order moved only by a
// compare-and-set on its current state.

import Foundation
import Store
import Testing
import TestSupport

@Suite struct TrackingEventStoreTests {
    /// A shop, an order in `state` and a `carrier` shipment with `tracking`; returns (order, shipment).
    private func seed(_ connection: PostgresConnection, tracking: String, carrier: String, state: String = "shipped") throws
        -> (Int64, Int64)
    {
        try connection.execute(
            "INSERT INTO shops (tiktok_shop_id, name, region, cipher) VALUES ('s1', 'Shop', 'US', 'c') ON CONFLICT DO NOTHING")
        let order = try connection.query(
            """
            INSERT INTO orders (tiktok_order_id, shop_id, status, internal_state)
            SELECT $1, id, 'AWAITING_COLLECTION', $2 FROM shops WHERE tiktok_shop_id = 's1' RETURNING id
            """, [.string("o-\(tracking)-\(carrier)"), .string(state)])[0]["id", as: Int64.self]
        let shipment = try connection.query(
            """
            INSERT INTO shipments (order_id, carrier, service, tracking_number, status)
            VALUES ($1, $2, 'Ground', $3, 'purchased') RETURNING id
            """, [.int64(order), .string(carrier), .string(tracking)])[0]["id", as: Int64.self]
        return (order, shipment)
    }

    private func scan(_ status: String, _ key: String, at seconds: TimeInterval) -> NewTrackingEvent {
        NewTrackingEvent(
            status: status, occurredAt: Date(timeIntervalSince1970: seconds), rawJSON: #"{"status":"\#(status)"}"#,
            dedupeKey: key)
    }

    @Test func findsTheShipmentPreferringTheEventsCarrier() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let store = TrackingEventStore(connection: connection)
            let (uspsOrder, usps) = try seed(connection, tracking: "T1", carrier: "USPS")
            let (_, ups) = try seed(connection, tracking: "T1", carrier: "UPS")
            #expect(try store.shipment(trackingNumber: "T1", carrier: "ups")?.shipmentId == ups)
            #expect(
                try store.shipment(trackingNumber: "T1", carrier: "USPS")
                    == TrackedShipment(shipmentId: usps, orderId: uspsOrder, orderState: "shipped"))
            #expect(try store.shipment(trackingNumber: "T1", carrier: nil)?.shipmentId == usps, "lowest id without a carrier")
            #expect(try store.shipment(trackingNumber: "T2", carrier: "USPS") == nil)
        }
    }

    @Test func scansAreAppendedOncePerDedupeKey() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let store = TrackingEventStore(connection: connection)
            let (_, shipment) = try seed(connection, tracking: "T1", carrier: "USPS")
            let first = [scan("pre_transit", "k1", at: 1_714_000_000), scan("in_transit", "k2", at: 1_714_003_600)]
            #expect(try store.insert(first, shipmentId: shipment) == 2)
            #expect(try store.insert(first + [scan("delivered", "k3", at: 1_714_090_000)], shipmentId: shipment) == 1)
            #expect(try store.insert([], shipmentId: shipment) == 0)
            let rows = try connection.query(
                "SELECT status, occurred_at, raw->>'status' AS raw_status FROM tracking_events ORDER BY occurred_at")
            #expect(try rows.map { try $0["status", as: String.self] } == ["pre_transit", "in_transit", "delivered"])
            #expect(try rows.map { try $0["raw_status", as: String.self] } == ["pre_transit", "in_transit", "delivered"])
            #expect(try rows[2]["occurred_at", as: Date.self] == Date(timeIntervalSince1970: 1_714_090_000))
        }
    }

    @Test func moveOrderIsACompareAndSetThatBumpsTheVersion() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let store = TrackingEventStore(connection: connection)
            let (order, _) = try seed(connection, tracking: "T1", carrier: "USPS")
            #expect(try store.moveOrder(id: order, from: "labelled", to: "delivered") == false)
            #expect(try store.moveOrder(id: order, from: "shipped", to: "delivered"))
            #expect(try store.moveOrder(id: order, from: "shipped", to: "delivered") == false)
            let row = try connection.query("SELECT internal_state, version FROM orders WHERE id = $1", [.int64(order)])[0]
            #expect(try row["internal_state", as: String.self] == "delivered")
            #expect(try row["version", as: Int.self] == 2)
        }
    }
}
