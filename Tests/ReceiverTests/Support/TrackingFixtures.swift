// EasyPost tracker events for the tests, their signatures, and the shop → order → shipment rows a
// tracking number must belong to before its events can be stored.

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Receiver
import Store

enum Trackers {
    static let secret = "test-easypost-webhook-secret"
    static let signature = EasyPostSignature(secret: secret)
    static let header = HTTPField.Name("X-Hmac-Signature")!

    /// One scan of `tracking_details`.
    static func scan(_ status: String, at datetime: String, message: String? = nil) -> String {
        #"{"object":"TrackingDetail","status":"\#(status)","status_detail":"status_update","message":"\#(message ?? status)","datetime":"\#(datetime)","source":"USPS","tracking_location":{"city":"SAN FRANCISCO","state":"CA","zip":"94103","country":"US"}}"#
    }

    /// A `tracker.updated` event for `code` with `status` and `scans`, in EasyPost's shape.
    static func event(
        code: String, status: String, scans: [String], carrier: String = "USPS", id: String = "evt_1"
    ) -> String {
        #"{"id":"\#(id)","object":"Event","description":"tracker.updated","mode":"test","status":"completed","previous_attributes":{"status":"in_transit"},"result":{"id":"trk_1","object":"Tracker","mode":"test","tracking_code":"\#(code)","status":"\#(status)","status_detail":"status_update","carrier":"\#(carrier)","shipment_id":"shp_1","public_url":"https://track.easypost.com/djE6trk_1","finalized":\#(status == "delivered"),"tracking_details":[\#(scans.joined(separator: ","))],"est_delivery_date":null},"pending_urls":[],"completed_urls":[],"created_at":"2024-05-01T12:00:00Z","updated_at":"2024-05-02T12:00:00Z","user_id":"user_1"}"#
    }

    /// The three scans of a parcel delivered on 2024-05-02.
    static let deliveredScans = [
        scan("pre_transit", at: "2024-05-01T08:00:00Z"), scan("in_transit", at: "2024-05-01T18:30:00Z"),
        scan("delivered", at: "2024-05-02T11:45:00Z"),
    ]

    static func signed(_ body: String) -> HTTPFields {
        [header: signature.signature(for: Data(body.utf8)), .contentType: "application/json"]
    }
}

/// POSTs `body` to `/webhooks/easypost`, signed correctly unless `headers` says otherwise.
func deliverTracker(
    _ client: some TestClientProtocol, _ body: String, headers: HTTPFields? = nil
) async throws -> TestResponse {
    try await client.execute(
        uri: "/webhooks/easypost", method: .post, headers: headers ?? Trackers.signed(body), body: body.buffer)
}

/// The ids of a seeded order and its shipment.
struct SeededShipment: Sendable {
    let orderId: Int64
    let shipmentId: Int64
}

/// What the tests read back about an order and its tracking.
struct TrackingSnapshot: Sendable, Equatable {
    let orderState: String
    let version: Int
    let events: [String]
}

extension ReceiverFixture {
    /// A shop, an order in `state` and a purchased `carrier` shipment with `trackingNumber`.
    func seedShipment(trackingNumber: String, carrier: String = "USPS", state: String = "shipped") async throws
        -> SeededShipment
    {
        try await onThread { [self] in
            let db = try connect()
            try db.execute(
                """
                INSERT INTO shops (tiktok_shop_id, name, region, cipher) VALUES ('7494726673780148744', 'Shop', 'US', 'c')
                ON CONFLICT (tiktok_shop_id) DO NOTHING
                """)
            let order = try db.query(
                """
                INSERT INTO orders (tiktok_order_id, shop_id, status, internal_state)
                SELECT $1, id, 'AWAITING_COLLECTION', $2 FROM shops WHERE tiktok_shop_id = '7494726673780148744'
                RETURNING id
                """, [.string("order-\(trackingNumber)-\(carrier)"), .string(state)])[0]["id", as: Int64.self]
            let shipment = try db.query(
                """
                INSERT INTO shipments (order_id, carrier, service, tracking_number, status)
                VALUES ($1, $2, 'Ground', $3, 'purchased') RETURNING id
                """, [.int64(order), .string(carrier), .string(trackingNumber)])[0]["id", as: Int64.self]
            return SeededShipment(orderId: order, shipmentId: shipment)
        }
    }

    /// The order's state and version and its shipment's tracking statuses, by occurrence.
    func tracking(_ seeded: SeededShipment) async throws -> TrackingSnapshot {
        try await onThread { [self] in
            let db = try connect()
            let order = try db.query("SELECT internal_state, version FROM orders WHERE id = $1", [.int64(seeded.orderId)])[0]
            let events = try db.query(
                "SELECT status FROM tracking_events WHERE shipment_id = $1 ORDER BY occurred_at, id",
                [.int64(seeded.shipmentId)]
            ).map { try $0["status", as: String.self] }
            return TrackingSnapshot(
                orderState: try order["internal_state", as: String.self], version: try order["version", as: Int.self],
                events: events)
        }
    }

    /// Every row of tracking_events.
    func trackingEventCount() async throws -> Int {
        try await onThread { [self] in
            try connect().query("SELECT count(*) AS n FROM tracking_events")[0]["n", as: Int.self]
        }
    }

    /// A copy whose receiver verifies EasyPost events with `Trackers.secret`.
    var withEasyPost: ReceiverFixture {
        var copy = self
        copy.configuration.easyPostSignature = Trackers.signature
        return copy
    }
}
