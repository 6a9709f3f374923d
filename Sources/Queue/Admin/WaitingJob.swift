// A job waiting for its time in a retry or scheduled set, as operators list it.

/// A job waiting in a retry or scheduled set.
public struct WaitingJob: Sendable, Equatable {
    public var queue: String
    public var runAt: Double
    public var raw: String
    /// Nil when the stored text is not an envelope.
    public var envelope: JobEnvelope?
}

/// Which waiting set.
public enum WaitingSet: String, Sendable, CaseIterable {
    case retry, scheduled
}
