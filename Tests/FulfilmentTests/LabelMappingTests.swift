// The pure parts of labelling and shipping: shipment references, the recipient address mapping
// and the verdict tracking-sync draws from TikTok's order detail. No servers.

import Clients
import Domain
import Foundation
import Fulfilment
import Testing

@Suite struct LabelMappingTests {
    static func order(_ json: String) throws -> TikTokOrder {
        try JSONDecoder().decode(TikTokOrder.self, from: Data(json.utf8))
    }

    static let address = """
        {"name":"Sam","address_line1":"1 Market St","address_line2":"","postal_code":"94103","region_code":"US",
         "district_info":[{"address_level":"L1","address_name":"California"},{"address_level":"L3","address_name":"San Francisco"}]}
        """

    @Test func referenceRoundTripsAndTracksTheAddress() throws {
        let key = ShipmentReference.addressKey(#"{"a": 1}"#)
        let reference = ShipmentReference(tiktokOrderId: "5770", sequence: 2, addressKey: key)
        #expect(ShipmentReference(reference.text) == reference)
        #expect(key == ShipmentReference.addressKey(#"{"a": 1}"#))
        #expect(key != ShipmentReference.addressKey(#"{"a": 2}"#))
        #expect(ShipmentReference.addressKey(nil) == "none")
        #expect(ShipmentReference("order-5770") == nil)
        #expect(ShipmentReference(nil) == nil)
    }

    @Test func recipientComesFromTheStoredTikTokAddress() throws {
        let order = try Self.order(#"{"id":"1","status":"AWAITING_SHIPMENT","line_items":[],"recipient_address":\#(Self.address)}"#)
        let json = try #require(try OrderSnapshot(order).addressJSON)
        // The stored form every order already has: a changed form would change every label's address key.
        #expect(
            json == #"{"addressLine1":"1 Market St","addressLine2":"","districtInfo":[{"addressLevel":"L1","addressName":"California"},"#
                + #"{"addressLevel":"L3","addressName":"San Francisco"}],"name":"Sam","postalCode":"94103","regionCode":"US"}"#)
        let recipient = try ShipmentParties.recipient(json)
        #expect(recipient == PostalAddress(name: "Sam", street1: "1 Market St", city: "San Francisco", state: "California", zip: "94103"))
        #expect(throws: (any Error).self) { try ShipmentParties.recipient(nil) }
        #expect(throws: (any Error).self) { try ShipmentParties.recipient(#"{"addressLine1":"1 Market St"}"#) }
    }

    @Test func verdictFollowsTikToksView() throws {
        func items(_ tracking: String?) -> String {
            let package = tracking.map { #""package_id":"pk1","tracking_number":"\#($0)""# } ?? #""package_id":null"#
            return #"[{"id":"li1","sku_id":"s",\#(package)},{"id":"li2","sku_id":"s",\#(package)}]"#
        }
        let open = try Self.order(#"{"id":"1","status":"AWAITING_SHIPMENT","line_items":\#(items(nil))}"#)
        #expect(try ShippingVerdict(open, trackingNumber: "EZ1") == .ship(lineItemIds: ["li1", "li2"]))
        let ours = try Self.order(#"{"id":"1","status":"AWAITING_COLLECTION","line_items":\#(items("EZ1"))}"#)
        #expect(try ShippingVerdict(ours, trackingNumber: "EZ1") == .alreadyShipped(packageId: "pk1"))
        #expect(try ShippingVerdict(ours, trackingNumber: "EZ2") == .shippedElsewhere)
        let cancelled = try Self.order(#"{"id":"1","status":"CANCELLED","line_items":\#(items(nil))}"#)
        guard case .cancelled(let snapshot) = try ShippingVerdict(cancelled, trackingNumber: "EZ1") else {
            Issue.record("a cancelled order must not be shipped")
            return
        }
        #expect(snapshot.state == .cancelled)
    }
}
