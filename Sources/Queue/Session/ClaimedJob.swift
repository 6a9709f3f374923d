// A job a process has claimed, and how its attempt was settled.

/// A claimed job: the exact text that sits in the process's in-flight list.
public struct ClaimedJob: Sendable, Equatable {
    public var queue: String
    public var raw: String

    public init(queue: String, raw: String) {
        self.queue = queue
        self.raw = raw
    }
}

/// How an attempt ends for the queue.
public enum Settlement: Sendable, Equatable {
    /// Done: remove from in-flight and count as processed.
    case ack
    /// Failed: run again at `runAt` (Unix seconds) as `raw`.
    case retry(raw: String, runAt: Double)
    /// Failed for good: into the dead letters.
    case bury(DeadLetter)
    /// Not run (shutdown): back to the head of its queue unchanged.
    case requeue
}

/// A claimed job with its settlement, ready for a batched acknowledgement.
public struct SettledJob: Sendable, Equatable {
    public var job: ClaimedJob
    public var kind: String
    public var settlement: Settlement

    public init(job: ClaimedJob, kind: String, settlement: Settlement) {
        self.job = job
        self.kind = kind
        self.settlement = settlement
    }
}

/// The process's lease on a queue expired and it was reaped; claims stop until it heartbeats.
public struct LeaseLost: Error, CustomStringConvertible {
    public var queue: String
    public var description: String { "lease on queue \(queue) expired; this process was presumed dead" }
}
