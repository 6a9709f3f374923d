// Lowercase hexadecimal text for digests and MACs (signatures, idempotency keys). One addition
// per nibble: `String(format: "%02x")` per byte was a visible share of a worker's CPU.

extension Sequence where Element == UInt8 {
    /// The bytes as lowercase hexadecimal, two characters per byte.
    public var lowercaseHex: String {
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            text.append(hexDigit(byte >> 4))
            text.append(hexDigit(byte & 0x0f))
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// The lowercase hexadecimal digit of `nibble` (0–15).
@inline(__always)
private func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
}
