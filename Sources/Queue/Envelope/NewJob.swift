// A new job's envelope with its arguments still typed, so one JSONEncoder pass writes the stored
// JSON: the same keys and values `JobEnvelope.encoded()` writes for a fresh envelope.

import Foundation

/// A job about to be enqueued for the first time (attempt 1, no history). Timestamps are Unix seconds.
public struct NewJob<Args: Encodable>: Encodable {
    public let id: String
    public let kind: String
    public let queue: String
    public let args: Args
    public let maxAttempts: Int
    public let createdAt: Double
    /// When the job becomes runnable; `schedule` moves it to the run time.
    public internal(set) var enqueuedAt: Double
    /// Correlation key for logs, e.g. the order id.
    public let correlation: String?

    public init(
        id: String = JobEnvelope.newID(), kind: String, queue: String, args: Args, maxAttempts: Int,
        correlation: String? = nil, now: Double
    ) {
        self.id = id
        self.kind = kind
        self.queue = queue
        self.args = args
        self.maxAttempts = maxAttempts
        self.createdAt = now
        self.enqueuedAt = now
        self.correlation = correlation
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: JobEnvelope.CodingKeys.self)
        try c.encode(JobEnvelope.currentVersion, forKey: .version)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(queue, forKey: .queue)
        try c.encode(args, forKey: .args)
        try c.encode(1, forKey: .attempt)
        try c.encode(maxAttempts, forKey: .maxAttempts)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(enqueuedAt, forKey: .enqueuedAt)
        try c.encodeIfPresent(correlation, forKey: .correlation)
        try c.encode([AttemptRecord](), forKey: .history)
        try c.encode(0, forKey: .recoveries)
    }

    /// The job as the exact JSON text stored in Redis, encoded in one pass.
    public func encoded() throws -> EncodedJob {
        EncodedJob(id: id, queue: queue, raw: String(decoding: try EnvelopeCoding.encoder.encode(self), as: UTF8.self))
    }
}

extension NewJob: Sendable where Args: Sendable {}

/// A job's envelope as stored in Redis, ready to enqueue.
public struct EncodedJob: Sendable, Equatable {
    public let id: String
    public let queue: String
    /// The envelope's JSON text.
    public let raw: String

    public init(id: String, queue: String, raw: String) {
        self.id = id
        self.queue = queue
        self.raw = raw
    }
}
