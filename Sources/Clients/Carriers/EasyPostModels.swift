// EasyPost shapes (external-apis.md §4, from recorded traffic): shipments with rates, labels and
// trackers. Prices are decimal strings, read exactly through `MoneyAmount`. Wire names are spelled
// out in `CodingKeys` (no key conversion on every decode).

import Foundation

/// A postal address.
public struct PostalAddress: Sendable, Codable, Equatable {
    public var name: String?
    public var street1: String
    public var street2: String?
    public var city: String
    public var state: String
    public var zip: String
    public var country: String
    public var phone: String?

    public init(
        name: String? = nil, street1: String, street2: String? = nil, city: String, state: String, zip: String,
        country: String = "US", phone: String? = nil
    ) {
        self.name = name
        self.street1 = street1
        self.street2 = street2
        self.city = city
        self.state = state
        self.zip = zip
        self.country = country
        self.phone = phone
    }
}

/// Parcel size in inches and weight in ounces.
public struct Parcel: Sendable, Codable, Equatable {
    public var length: Double
    public var width: Double
    public var height: Double
    public var weight: Double

    public init(length: Double, width: Double, height: Double, weight: Double) {
        self.length = length
        self.width = width
        self.height = height
        self.weight = weight
    }
}

/// What to ship, from where to where; `reference` is our order id.
public struct ShipmentRequest: Sendable, Codable, Equatable {
    public var toAddress: PostalAddress
    public var fromAddress: PostalAddress
    public var parcel: Parcel
    public var reference: String?

    enum CodingKeys: String, CodingKey {
        case toAddress = "to_address", fromAddress = "from_address", parcel, reference
    }

    public init(toAddress: PostalAddress, fromAddress: PostalAddress, parcel: Parcel, reference: String?) {
        self.toAddress = toAddress
        self.fromAddress = fromAddress
        self.parcel = parcel
        self.reference = reference
    }
}

/// One carrier's offer for a shipment.
public struct Rate: Sendable, Codable, Equatable {
    public var id: String
    public var carrier: String
    public var service: String
    /// The price as sent, e.g. `"5.93"`.
    public var rate: String
    public var currency: String
    public var deliveryDays: Int?
    public var shipmentId: String?

    enum CodingKeys: String, CodingKey {
        case id, carrier, service, rate, currency, deliveryDays = "delivery_days", shipmentId = "shipment_id"
    }

    /// The exact price, or `nil` if the string is not a decimal amount.
    public var amount: MoneyAmount? { MoneyAmount(decimal: rate, currency: currency) }
}

/// A carrier's rating failure.
public struct CarrierMessage: Sendable, Codable, Equatable {
    public var carrier: String?
    public var message: String?
    public var type: String?
}

/// The bought label.
public struct PostageLabel: Sendable, Codable, Equatable {
    public var id: String
    public var labelUrl: String?
    public var labelFileType: String?

    enum CodingKeys: String, CodingKey {
        case id, labelUrl = "label_url", labelFileType = "label_file_type"
    }
}

/// A shipment, before and after buying.
public struct Shipment: Sendable, Codable, Equatable {
    public var id: String
    public var reference: String?
    public var rates: [Rate]
    public var messages: [CarrierMessage]?
    public var selectedRate: Rate?
    public var trackingCode: String?
    public var postageLabel: PostageLabel?
    public var tracker: Tracker?
    public var refundStatus: String?

    enum CodingKeys: String, CodingKey {
        case id, reference, rates, messages, selectedRate = "selected_rate", trackingCode = "tracking_code"
        case postageLabel = "postage_label", tracker, refundStatus = "refund_status"
    }

    /// Whether a label has been bought.
    public var isPurchased: Bool { postageLabel != nil && trackingCode != nil }

    /// The cheapest rate of `carrier` (any carrier when `nil`).
    public func cheapestRate(carrier: String? = nil) -> Rate? {
        rates.filter { carrier == nil || $0.carrier == carrier }
            .min { ($0.amount?.minorUnits ?? .max) < ($1.amount?.minorUnits ?? .max) }
    }
}

/// A package's tracking state.
public struct Tracker: Sendable, Codable, Equatable {
    public var id: String
    public var trackingCode: String
    /// `unknown`, `pre_transit`, `in_transit`, `out_for_delivery`, `delivered`, … (`canceled` or `cancelled`).
    public var status: String
    public var statusDetail: String?
    public var carrier: String?
    public var shipmentId: String?
    public var publicUrl: String?
    public var trackingDetails: [TrackingDetail]?

    enum CodingKeys: String, CodingKey {
        case id, trackingCode = "tracking_code", status, statusDetail = "status_detail", carrier
        case shipmentId = "shipment_id", publicUrl = "public_url", trackingDetails = "tracking_details"
    }
}

/// One tracking event.
public struct TrackingDetail: Sendable, Codable, Equatable {
    public var status: String?
    public var statusDetail: String?
    public var message: String?
    public var datetime: String?

    enum CodingKeys: String, CodingKey {
        case status, statusDetail = "status_detail", message, datetime
    }
}
