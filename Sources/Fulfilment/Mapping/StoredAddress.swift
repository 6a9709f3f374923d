// A recipient address as orders store it: TikTok's fields keyed by their Swift names, sorted
// (`{"addressLine1":…,"districtInfo":[{"addressLevel":…}],…}`), the form every stored order already
// has. TikTok's snake_case wire form stays in Clients; a label's address key hashes this form, so it
// must not change (a changed form would read as a changed address for every order in flight).

import Clients
import Foundation

/// The stored form of a `TikTokAddress`. Never logged.
public struct StoredAddress: Sendable, Codable, Equatable {
    public var name: String?
    public var phoneNumber: String?
    public var fullAddress: String?
    public var addressLine1: String?
    public var addressLine2: String?
    public var postalCode: String?
    public var regionCode: String?
    public var districtInfo: [District]?

    /// One level of the address (L1 = state, L2/L3 = county/city).
    public struct District: Sendable, Codable, Equatable {
        public var addressLevel: String?
        public var addressLevelName: String?
        public var addressName: String?
    }

    /// The stored form of TikTok's `address`.
    public init(_ address: TikTokAddress) {
        name = address.name
        phoneNumber = address.phoneNumber
        fullAddress = address.fullAddress
        addressLine1 = address.addressLine1
        addressLine2 = address.addressLine2
        postalCode = address.postalCode
        regionCode = address.regionCode
        districtInfo = address.districtInfo?.map {
            District(addressLevel: $0.addressLevel, addressLevelName: $0.addressLevelName, addressName: $0.addressName)
        }
    }

    /// The canonical JSON orders store (sorted keys).
    public var json: String {
        get throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return String(decoding: try encoder.encode(self), as: UTF8.self)
        }
    }

    /// Reads a stored address; nil when `json` is not one.
    public init?(json: String) {
        guard let address = try? JSONDecoder().decode(StoredAddress.self, from: Data(json.utf8)) else { return nil }
        self = address
    }
}
