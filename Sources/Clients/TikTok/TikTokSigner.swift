// TikTok Shop request signing (external-apis.md §1): sorted query pairs (minus `sign`,
// `access_token` and empty values) concatenated after the path, then the raw body for non-GET
// requests, wrapped in the secret, HMAC-SHA256 keyed with the secret, lowercase hex.

import Crypto
import Foundation
import Hex

/// Computes the `sign` query parameter for one app.
public struct TikTokSigner: Sendable, CustomStringConvertible {
    private let secret: Data
    /// An HMAC already keyed with the secret: each signature copies it rather than keying anew.
    private let keyed: HMAC<SHA256>

    public init(appSecret: String) {
        self.secret = Data(appSecret.utf8)
        self.keyed = HMAC<SHA256>(key: SymmetricKey(data: secret))
    }

    /// Query keys never covered by the signature.
    public static let excludedKeys: Set<String> = ["sign", "access_token", "x-tts-access-token"]

    /// The signature of a request to `path` with decoded `query` pairs and the exact `body` bytes
    /// (ignored for GET).
    public func sign(method: HTTPMethod, path: String, query: [(String, String)], body: Data?) -> String {
        let pairs = query.filter { !Self.excludedKeys.contains($0.0) && !$0.1.isEmpty }
            .sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
        var message = Data(secret)
        message.append(contentsOf: path.utf8)
        for (key, value) in pairs {
            message.append(contentsOf: key.utf8)
            message.append(contentsOf: value.utf8)
        }
        if method != .get, let body { message.append(body) }
        message.append(secret)
        var mac = keyed
        mac.update(data: message)
        return mac.finalize().lowercaseHex
    }

    /// Never shows the secret.
    public var description: String { "TikTokSigner(secret redacted)" }
}
