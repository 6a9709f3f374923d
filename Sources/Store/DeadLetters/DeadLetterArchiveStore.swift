// Keeps dead letters that Redis dropped (over the count or age cap), so none is silently lost.

import Foundation

/// One archived dead letter.
public struct ArchivedDeadLetter: Sendable, Equatable {
    public var id: String
    public var queue: String
    public var kind: String
    public var error: String
    public var attempts: Int
    public var diedAt: Date
    public var payload: String
    /// The attempt history as JSON text.
    public var historyJSON: String

    public init(id: String, queue: String, kind: String, error: String, attempts: Int, diedAt: Date, payload: String, historyJSON: String) {
        self.id = id
        self.queue = queue
        self.kind = kind
        self.error = error
        self.attempts = attempts
        self.diedAt = diedAt
        self.payload = payload
        self.historyJSON = historyJSON
    }
}

/// Writes `dead_letter_archive`; archiving the same letter twice keeps one row.
public struct DeadLetterArchiveStore {
    private static let insert = MultiRowInsert(
        into: "dead_letter_archive", columns: ["id", "queue", "kind", "error", "attempts", "died_at", "payload", "history"],
        suffix: "ON CONFLICT (id) DO NOTHING")

    private let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    public func archive(_ letters: [ArchivedDeadLetter]) throws {
        if letters.isEmpty { return }
        let rows: [[PostgresValue?]] = letters.map {
            [.string($0.id), .string($0.queue), .string($0.kind), .string($0.error), .int($0.attempts), .date($0.diedAt),
             .string($0.payload), .json($0.historyJSON)]
        }
        try connection.insert(Self.insert, rows: rows, rowsPerStatement: 500)
    }

    /// How many letters the archive holds.
    public func count() throws -> Int {
        try connection.query("SELECT count(*) AS n FROM dead_letter_archive")[0]["n", as: Int.self]
    }
}
