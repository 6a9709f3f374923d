// EasyPost webhook signatures (external-apis.md §4): `X-Hmac-Signature: hmac-sha256-hex=<hex>`,
// the lowercase hex HMAC-SHA256 of the raw body keyed with the NFKD-normalised webhook secret.
// The MAC is compared in constant time (swift-crypto); the header's format is checked exactly.

import Crypto
import Foundation
import Hex

/// Computes and checks the `X-Hmac-Signature` header of EasyPost events for one webhook secret.
public struct EasyPostSignature: Sendable, CustomStringConvertible {
    /// The header carrying the signature.
    public static let header = "X-Hmac-Signature"
    private static let prefix = "hmac-sha256-hex="

    /// The NFKD-normalised secret's bytes (`SymmetricKey` is not `Sendable`, so it is made per use).
    private let secret: Data

    public init(secret: String) {
        self.secret = Data(secret.decomposedStringWithCompatibilityMapping.utf8)
    }

    /// The expected header value for `body`: `hmac-sha256-hex=` + hex(HMAC_SHA256(NFKD(secret), body)).
    public func signature(for body: some DataProtocol) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret))
        return Self.prefix + mac.lowercaseHex
    }

    /// Whether `candidate` is exactly the header value for `body`: the prefix, then 64 lowercase
    /// hex digits whose bytes swift-crypto compares with the expected MAC in constant time.
    public func isValid(_ candidate: String, for body: some DataProtocol) -> Bool {
        guard candidate.hasPrefix(Self.prefix) else { return false }
        let digits = Array(candidate.utf8.dropFirst(Self.prefix.utf8.count))
        guard digits.count == 2 * SHA256.byteCount else { return false }
        var mac: [UInt8] = []
        mac.reserveCapacity(SHA256.byteCount)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return false }
            mac.append(high << 4 | low)
        }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: SymmetricKey(data: secret))
    }

    /// The value of a lowercase hex digit (EasyPost sends lowercase; anything else is not its header).
    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    /// Never shows the secret.
    public var description: String { "EasyPostSignature(secret redacted)" }
}
