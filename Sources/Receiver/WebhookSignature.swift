// TikTok Shop webhook signatures: lowercase hex HMAC-SHA256, keyed with the app secret, over the
// app key followed by the raw request body (external-apis.md §2). Compared in constant time.

import Crypto
import Foundation

/// Computes and checks the `Authorization` header of TikTok Shop webhooks for one app.
public struct WebhookSignature: Sendable, CustomStringConvertible {
    private let appKey: Data
    /// The secret's bytes; swift-crypto's `SymmetricKey` is not `Sendable`, so it is made per use.
    private let secret: Data

    public init(appKey: String, appSecret: String) {
        self.appKey = Data(appKey.utf8)
        self.secret = Data(appSecret.utf8)
    }

    /// The expected header value for `body`: `hex(HMAC_SHA256(app_secret, app_key + body))`.
    public func signature(for body: some DataProtocol) -> String {
        var mac = HMAC<SHA256>(key: SymmetricKey(data: secret))
        mac.update(data: appKey)
        mac.update(data: body)
        return Self.lowercaseHex(mac.finalize())
    }

    /// Whether `candidate` is exactly the signature of `body`, compared in constant time.
    public func isValid(_ candidate: String, for body: some DataProtocol) -> Bool {
        let expected = Array(signature(for: body).utf8)
        let given = Array(candidate.utf8)
        guard given.count == expected.count else { return false }
        var difference: UInt8 = 0
        for index in expected.indices { difference |= expected[index] ^ given[index] }
        return difference == 0
    }

    /// Never shows the key or secret.
    public var description: String { "WebhookSignature(app key and secret redacted)" }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func lowercaseHex(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
