// A job that will not be retried again: its error, history and the exact payload it had.

import Foundation

/// An entry in a queue's dead letters. `payload` is the raw envelope text (or the garbage that arrived).
public struct DeadLetter: Codable, Sendable, Equatable {
    public var id: String
    public var queue: String
    public var kind: String
    public var error: String
    public var diedAt: Double
    public var attempts: Int
    public var history: [AttemptRecord]
    public var payload: String

    enum CodingKeys: String, CodingKey {
        case id, queue, kind, error, diedAt = "died_at", attempts, history, payload
    }

    public init(
        id: String, queue: String, kind: String, error: String, diedAt: Double, attempts: Int,
        history: [AttemptRecord], payload: String
    ) {
        self.id = id
        self.queue = queue
        self.kind = kind
        self.error = error
        self.diedAt = diedAt
        self.attempts = attempts
        self.history = history
        self.payload = payload
    }

    public func encoded() throws -> String {
        String(decoding: try EnvelopeCoding.encoder.encode(self), as: UTF8.self)
    }

    public static func decode(_ raw: String) throws -> DeadLetter {
        try EnvelopeCoding.decoder.decode(DeadLetter.self, from: Data(raw.utf8))
    }
}
