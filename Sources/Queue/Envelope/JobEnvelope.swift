// The job envelope: what travels through Redis for every job, as JSON.
// Versioned with `v`; a worker that meets a newer version retries the job instead of guessing.

import Domain
import Foundation

/// One failed attempt, kept in the envelope so dead letters carry their history.
public struct AttemptRecord: Codable, Sendable, Equatable {
    public var attempt: Int
    public var error: String
    public var at: Double
    public var process: String?

    public init(attempt: Int, error: String, at: Double, process: String?) {
        self.attempt = attempt
        self.error = error
        self.at = at
        self.process = process
    }
}

/// A job as stored in Redis. Timestamps are Unix seconds.
public struct JobEnvelope: Codable, Sendable, Equatable {
    /// The envelope schema this build writes and understands.
    public static let currentVersion = 1

    public var version: Int
    public var id: String
    public var kind: String
    public var queue: String
    public var args: JSONValue
    /// 1-based number of the attempt this envelope will run as.
    public var attempt: Int
    public var maxAttempts: Int
    public var createdAt: Double
    public var enqueuedAt: Double
    /// Correlation key for logs, e.g. the order id.
    public var correlation: String?
    public var lastError: String?
    public var history: [AttemptRecord]
    /// How many times the reaper took this job back from a dead process.
    public var recoveries: Int

    /// `NewJob` writes new jobs with these keys too: a field added here is added there.
    enum CodingKeys: String, CodingKey {
        case version = "v", id, kind, queue, args, attempt
        case maxAttempts = "max_attempts", createdAt = "created_at", enqueuedAt = "enqueued_at"
        case correlation, lastError = "last_error", history, recoveries
    }

    public init(
        id: String = JobEnvelope.newID(), kind: String, queue: String, args: JSONValue,
        maxAttempts: Int, correlation: String? = nil, now: Double
    ) {
        self.version = Self.currentVersion
        self.id = id
        self.kind = kind
        self.queue = queue
        self.args = args
        self.attempt = 1
        self.maxAttempts = maxAttempts
        self.createdAt = now
        self.enqueuedAt = now
        self.correlation = correlation
        self.lastError = nil
        self.history = []
        self.recoveries = 0
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        id = try c.decode(String.self, forKey: .id)
        kind = try c.decode(String.self, forKey: .kind)
        queue = try c.decode(String.self, forKey: .queue)
        args = try c.decodeIfPresent(JSONValue.self, forKey: .args) ?? .object([:])
        attempt = try c.decode(Int.self, forKey: .attempt)
        maxAttempts = try c.decode(Int.self, forKey: .maxAttempts)
        createdAt = try c.decode(Double.self, forKey: .createdAt)
        enqueuedAt = try c.decodeIfPresent(Double.self, forKey: .enqueuedAt) ?? createdAt
        correlation = try c.decodeIfPresent(String.self, forKey: .correlation)
        lastError = try c.decodeIfPresent(String.self, forKey: .lastError)
        history = try c.decodeIfPresent([AttemptRecord].self, forKey: .history) ?? []
        recoveries = try c.decodeIfPresent(Int.self, forKey: .recoveries) ?? 0
    }
}

extension JobEnvelope {
    /// A fresh random job id.
    public static func newID() -> String { UUID().uuidString.lowercased() }

    /// The envelope as the exact JSON text stored in Redis.
    public func encoded() throws -> String {
        String(decoding: try EnvelopeCoding.encoder.encode(self), as: UTF8.self)
    }

    /// Decodes an envelope; throws for anything that is not one.
    public static func decode(_ raw: String) throws -> JobEnvelope {
        try EnvelopeCoding.decoder.decode(JobEnvelope.self, from: Data(raw.utf8))
    }

    /// Decodes the typed arguments of a raw envelope without re-encoding them.
    public static func decodeArgs<Args: Decodable>(_ type: Args.Type, from raw: String) throws -> Args {
        try EnvelopeCoding.decoder.decode(ArgsOnly<Args>.self, from: Data(raw.utf8)).args
    }
}

private struct ArgsOnly<Args: Decodable>: Decodable {
    var args: Args
}

/// Shared coders; JSONEncoder and JSONDecoder are thread-safe for concurrent use.
enum EnvelopeCoding {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()
    static let decoder = JSONDecoder()
}
