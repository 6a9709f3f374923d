// The sandbox's own check of TikTok request signatures, written apart from the client's signer
// so one shared mistake cannot hide: it works from the raw query string as received, decodes
// it, and compares in constant time.

import Crypto
import Foundation

/// Recomputes and checks the `sign` query parameter of an incoming API request.
public struct TikTokSignatureVerifier: Sendable {
    private let secret: [UInt8]

    public init(appSecret: String) {
        secret = Array(appSecret.utf8)
    }

    /// The expected `sign` for `path`, the raw (percent-encoded) `query` and the raw `body`.
    public func expectedSignature(method: String, path: String, rawQuery: String, body: [UInt8], contentType: String?) -> String {
        var parameters: [(key: [UInt8], value: [UInt8])] = []
        for pair in rawQuery.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : []
            if key == Array("sign".utf8) || key == Array("access_token".utf8) || value.isEmpty { continue }
            parameters.append((key, value))
        }
        parameters.sort { $0.key.lexicographicallyPrecedes($1.key) }
        var message = secret + Array(path.utf8)
        for parameter in parameters { message += parameter.key + parameter.value }
        let multipart = contentType?.lowercased().hasPrefix("multipart/form-data") ?? false
        if method.uppercased() != "GET" && !multipart { message += body }
        message += secret
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret))
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: code.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }

    /// Whether `sign` is the expected signature (constant-time comparison).
    public func isValid(
        sign: String, method: String, path: String, rawQuery: String, body: [UInt8], contentType: String?
    ) -> Bool {
        let expected = Array(expectedSignature(method: method, path: path, rawQuery: rawQuery, body: body, contentType: contentType).utf8)
        let given = Array(sign.lowercased().utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Percent-decodes one query component (`+` is a space, as form encoding sends it).
    static func decode(_ text: Substring) -> [UInt8] {
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: "%"), bytes.count >= 2, let high = hex(bytes[bytes.startIndex]),
                let low = hex(bytes[bytes.startIndex + 1])
            {
                out.append(high << 4 | low)
                bytes = bytes.dropFirst(2)
            } else if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else {
                out.append(byte)
            }
        }
        return out
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// Decodes a raw query string into key/value pairs.
enum RawQuery {
    static func pairs(_ rawQuery: String?) -> [String: String] {
        var result: [String: String] = [:]
        for pair in (rawQuery ?? "").split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(decoding: TikTokSignatureVerifier.decode(parts[0]), as: UTF8.self)
            result[key] = parts.count > 1 ? String(decoding: TikTokSignatureVerifier.decode(parts[1]), as: UTF8.self) : ""
        }
        return result
    }
}
