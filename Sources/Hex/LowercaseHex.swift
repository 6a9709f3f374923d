// Lowercase hexadecimal text for digests and MACs (signatures, idempotency keys). One table lookup
// per nibble: `String(format: "%02x")` per byte was a visible share of a worker's CPU.

extension Sequence where Element == UInt8 {
    /// The bytes as lowercase hexadecimal, two characters per byte.
    public var lowercaseHex: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
