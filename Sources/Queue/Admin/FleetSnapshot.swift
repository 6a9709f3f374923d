// The fleet's queues and counters at a moment: the stable JSON of `creatorflow queues --json`.

import Foundation

/// One queue's state at a moment.
public struct QueueSnapshot: Codable, Sendable, Equatable {
    public var name: String
    public var size: Int
    public var inFlight: Int
    public var scheduled: Int
    public var retries: Int
    public var dead: Int
    public var paused: Bool
    /// Age in seconds of the oldest waiting job (0 when empty).
    public var latencySeconds: Double

    enum CodingKeys: String, CodingKey {
        case name, size, inFlight = "in_flight", scheduled, retries, dead, paused, latencySeconds = "latency_s"
    }
}

/// Counters of one job kind across queues.
public struct KindCounters: Codable, Sendable, Equatable {
    /// Jobs of this kind waiting in queues (counted only when asked for: it reads every queue).
    public var queued = 0
    public var processed = 0
    public var failed = 0
    public var retried = 0
    public var dead = 0
}

/// The fleet's queues and counters, the stable JSON of `creatorflow queues --json`.
public struct FleetSnapshot: Codable, Sendable, Equatable {
    public var queues: [QueueSnapshot]
    public var processed: Int
    public var failed: Int
    public var retried: Int
    public var dead: Int
    public var kinds: [String: KindCounters]
}
