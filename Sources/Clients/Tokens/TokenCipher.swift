// Encryption at rest for shop tokens: AES-256-GCM with a random nonce, stored as
// nonce ‖ ciphertext ‖ tag. The associated data binds a ciphertext to its shop and column, so a
// value copied to another row or column fails to open.

import Crypto
import Domain
import Foundation

/// Seals and opens tokens with the key from `CF_TOKEN_KEY`.
public struct TokenCipher: Sendable, CustomStringConvertible {
    /// The environment variable holding the base64 key.
    public static let environmentKey = "CF_TOKEN_KEY"

    private let key: Data

    /// A cipher for a 32-byte key given in base64.
    public init(base64Key: String) throws {
        guard let key = Data(base64Encoded: base64Key.trimmingCharacters(in: .whitespacesAndNewlines)), key.count == 32
        else { throw TokenCipherError.badKey }
        self.key = key
    }

    /// The cipher for `CF_TOKEN_KEY` in `environment`.
    public static func fromEnvironment(_ environment: [String: String]) throws
        -> TokenCipher
    {
        guard let text = environment[environmentKey], !text.isEmpty else { throw TokenCipherError.missingKey }
        return try TokenCipher(base64Key: text)
    }

    /// A fresh random key in base64, for `CF_TOKEN_KEY`.
    public static func generateKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// `plaintext` sealed and bound to `context` (e.g. `shop:123:access`).
    public func seal(_ plaintext: String, context: String) throws -> Data {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: SymmetricKey(data: key), authenticating: Data(context.utf8))
        guard let combined = box.combined else { throw TokenCipherError.cannotOpen }
        return combined
    }

    /// The plaintext of `sealed`; throws when the key, the context or the bytes differ.
    public func open(_ sealed: Data, context: String) throws -> String {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            let plain = try AES.GCM.open(box, using: SymmetricKey(data: key), authenticating: Data(context.utf8))
            return String(decoding: plain, as: UTF8.self)
        } catch {
            throw TokenCipherError.cannotOpen
        }
    }

    /// Never shows the key.
    public var description: String { "TokenCipher(key redacted)" }
}

/// Why tokens cannot be sealed or opened.
public enum TokenCipherError: DispositionedError, Sendable, Equatable, CustomStringConvertible {
    case missingKey
    case badKey
    case cannotOpen

    /// A missing key may be set by the next deploy; a wrong key or an altered token stays so.
    public var disposition: ErrorDisposition { self == .missingKey ? .retryable : .permanent }

    public var description: String {
        switch self {
        case .missingKey: return "\(TokenCipher.environmentKey) is not set (base64 of 32 random bytes)"
        case .badKey: return "\(TokenCipher.environmentKey) is not base64 of exactly 32 bytes"
        case .cannotOpen: return "a stored token cannot be decrypted (wrong key, or the value was altered or moved)"
        }
    }
}
