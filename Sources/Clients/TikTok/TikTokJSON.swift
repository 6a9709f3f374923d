// The JSON coders for TikTok Shop: snake_case on the wire, sorted keys so a body's bytes are
// deterministic (they are signed and sent exactly once encoded).

import Foundation

/// Shared encoder and decoder settings for the TikTok Shop wire format.
enum TikTokJSON {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}
