// The JSON coders for TikTok Shop. Every TikTok type spells its snake_case wire names in its
// `CodingKeys`, so neither coder converts keys (the conversion was the costliest part of decoding
// an order). Keys are sorted so a body's bytes are deterministic (they are signed and sent
// exactly once encoded).

import Foundation

/// Shared encoder and decoder settings for the TikTok Shop wire format.
enum TikTokJSON {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func decoder() -> JSONDecoder {
        JSONDecoder()
    }
}
