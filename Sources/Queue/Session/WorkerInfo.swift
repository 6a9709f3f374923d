// What a worker process publishes about itself with each heartbeat (`creatorflow workers`, /metrics).

import Foundation

/// What one worker process reports about itself.
public struct WorkerInfo: Codable, Sendable, Equatable {
    public struct Running: Codable, Sendable, Equatable {
        public var id: String
        public var kind: String
        public var since: Double
        public init(id: String, kind: String, since: Double) {
            self.id = id
            self.kind = kind
            self.since = since
        }
    }

    public var process: String
    public var host: String
    public var pid: Int
    public var queues: [String]
    public var concurrency: Int
    public var startedAt: Double
    public var heartbeatAt: Double
    public var busy: Int
    public var quiet: Bool
    public var running: [Running]
    /// PostgreSQL round trips the process made since it started (absent from older workers).
    public var postgresRoundTrips: Int?

    enum CodingKeys: String, CodingKey {
        case process, host, pid, queues, concurrency, startedAt = "started_at", heartbeatAt = "heartbeat_at", busy, quiet, running
        case postgresRoundTrips = "postgres_round_trips"
    }

    public init(
        process: String, host: String, pid: Int, queues: [String], concurrency: Int, startedAt: Double,
        heartbeatAt: Double, busy: Int, quiet: Bool, running: [Running], postgresRoundTrips: Int? = nil
    ) {
        self.process = process
        self.host = host
        self.pid = pid
        self.queues = queues
        self.concurrency = concurrency
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
        self.busy = busy
        self.quiet = quiet
        self.running = running
        self.postgresRoundTrips = postgresRoundTrips
    }

    public func encoded() throws -> String { String(decoding: try JSONEncoder().encode(self), as: UTF8.self) }
}
