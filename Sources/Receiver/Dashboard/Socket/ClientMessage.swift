// What a dashboard client may send: `{"type":"pong"}` (the heartbeat's answer) and
// `{"type":"resync"}` (send me a fresh snapshot). Anything else is refused.

import Foundation

/// A parsed client message.
enum ClientMessage: Equatable {
    case pong
    case resync

    private struct Envelope: Decodable {
        var type: String
    }

    /// Parses `text`, or explains why it is refused.
    static func parse(_ text: String) throws(DashboardCloseReason) -> ClientMessage {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(text.utf8)) else {
            throw .badMessage("messages are JSON objects with a \"type\"")
        }
        switch envelope.type {
        case "pong": return .pong
        case "resync": return .resync
        default: throw .badMessage("unknown message type \"\(envelope.type.prefix(40))\"")
        }
    }
}
