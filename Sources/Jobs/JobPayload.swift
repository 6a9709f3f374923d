// The contract every job kind's arguments follow: a stable name and a default queue.

import Queue

/// Typed arguments of one job kind. `kind` is the stable name stored in envelopes: never rename it.
public protocol JobPayload: Codable, Sendable {
    static var kind: String { get }
    /// Queue used unless the caller or config says otherwise.
    static var defaultQueue: String { get }
    /// Correlation key for logs (e.g. the order id), if the job has one.
    var correlation: String? { get }
}

extension JobPayload {
    public static var defaultQueue: String { "default" }
    public var correlation: String? { nil }

    /// A new job with these arguments, on `queue` (the kind's default when nil).
    public func newJob(queue: String? = nil, maxAttempts: Int, id: String? = nil, now: Double) -> NewJob<Self> {
        NewJob(
            id: id ?? JobEnvelope.newID(), kind: Self.kind, queue: queue ?? Self.defaultQueue, args: self,
            maxAttempts: maxAttempts, correlation: correlation, now: now)
    }
}
