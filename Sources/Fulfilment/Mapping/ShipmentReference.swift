// The `reference` an order's EasyPost shipment is created with: the order, which of its
// shipments this is, and a fingerprint of the address it ships to. The same reference names the
// same shipment on a retry; an address change (or a new label after a void) gives a new one.

/// `cf:<TikTok order id>:<sequence>:<address key>`. Pure.
public struct ShipmentReference: Sendable, Equatable {
    public var tiktokOrderId: String
    /// 1 for the order's first shipment, 2 after one was voided, …
    public var sequence: Int
    /// ``addressKey(_:)`` of the address the shipment was created for.
    public var addressKey: String

    public init(tiktokOrderId: String, sequence: Int, addressKey: String) {
        self.tiktokOrderId = tiktokOrderId
        self.sequence = sequence
        self.addressKey = addressKey
    }

    /// Parses `text`; nil when it is not a reference of this form.
    public init?(_ text: String?) {
        let parts = text?.split(separator: ":", omittingEmptySubsequences: false) ?? []
        guard parts.count == 4, parts[0] == "cf", let sequence = Int(parts[2]) else { return nil }
        self.init(tiktokOrderId: String(parts[1]), sequence: sequence, addressKey: String(parts[3]))
    }

    public var text: String { "cf:\(tiktokOrderId):\(sequence):\(addressKey)" }

    /// A stable fingerprint of a stored address (FNV-1a 64 of PostgreSQL's canonical jsonb text,
    /// in hex); `none` without an address. Not a secret and not reversible to the address.
    public static func addressKey(_ addressJSON: String?) -> String {
        guard let addressJSON else { return "none" }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in addressJSON.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
