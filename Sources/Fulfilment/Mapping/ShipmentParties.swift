// Who a parcel ships from and to, in EasyPost's terms: the configured warehouse, the order's
// stored TikTok recipient address (state and city come from `district_info`), a default parcel.

import Clients
import Foundation
import Store

/// Builds the EasyPost shipment request for an order. Pure.
public enum ShipmentParties {
    /// The parcel every order ships in until products carry dimensions: 10×8×4 in, 1 lb.
    public static let defaultParcel = Parcel(length: 10, width: 8, height: 4, weight: 16)

    /// The request for an order with stored address `addressJSON`, shipped from `shipFrom`.
    public static func request(addressJSON: String?, shipFrom: [String: String], reference: ShipmentReference) throws
        -> ShipmentRequest
    {
        ShipmentRequest(
            toAddress: try recipient(addressJSON), fromAddress: try sender(shipFrom), parcel: defaultParcel,
            reference: reference.text)
    }

    /// The warehouse address from settings (`street1`, `city`, `state`, `zip` required).
    public static func sender(_ fields: [String: String]) throws -> PostalAddress {
        guard let street1 = fields["street1"], let city = fields["city"], let state = fields["state"], let zip = fields["zip"]
        else { throw PipelineError.missing("shipFrom needs street1, city, state and zip") }
        return PostalAddress(
            name: fields["name"], street1: street1, street2: fields["street2"], city: city, state: state, zip: zip,
            country: fields["country"] ?? "US", phone: fields["phone"])
    }

    /// The recipient from the order's stored address (`StoredAddress`). Errors never quote the address.
    public static func recipient(_ addressJSON: String?) throws -> PostalAddress {
        guard let addressJSON, let address = StoredAddress(json: addressJSON) else {
            throw PipelineError.missing("the order has no readable recipient address")
        }
        let districts = address.districtInfo ?? []
        func district(_ level: String) -> String? {
            districts.first { $0.addressLevel == level }?.addressName.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let street1 = nonEmpty(address.addressLine1) ?? nonEmpty(address.fullAddress),
            let city = district("L3") ?? district("L2") ?? district("L4"), let state = district("L1"),
            let zip = nonEmpty(address.postalCode)
        else { throw PipelineError.missing("the order's recipient address lacks street, city, state or postal code") }
        return PostalAddress(
            name: address.name, street1: street1, street2: nonEmpty(address.addressLine2), city: city, state: state, zip: zip,
            country: nonEmpty(address.regionCode) ?? "US", phone: address.phoneNumber)
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
