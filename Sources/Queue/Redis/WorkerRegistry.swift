// The fleet's worker processes, read from the info each one publishes with its heartbeat.

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

    enum CodingKeys: String, CodingKey {
        case process, host, pid, queues, concurrency, startedAt = "started_at", heartbeatAt = "heartbeat_at", busy, quiet, running
    }

    public init(
        process: String, host: String, pid: Int, queues: [String], concurrency: Int, startedAt: Double,
        heartbeatAt: Double, busy: Int, quiet: Bool, running: [Running]
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
    }

    public func encoded() throws -> String { String(decoding: try JSONEncoder().encode(self), as: UTF8.self) }
}

extension RedisJobQueue {
    /// Live worker processes (their info expires with their lease); prunes departed ones.
    public func workers() throws -> [WorkerInfo] {
        let pids = try connection.command(["SMEMBERS", settings.keys.processes]).strings
        if pids.isEmpty { return [] }
        let infos = try connection.command(["MGET"] + pids.map(settings.keys.process)).array
        var live: [WorkerInfo] = []
        var gone: [String] = []
        for (pid, info) in zip(pids, infos) {
            if let text = info.string, let worker = try? JSONDecoder().decode(WorkerInfo.self, from: Data(text.utf8)) {
                live.append(worker)
            } else {
                gone.append(pid)
            }
        }
        if !gone.isEmpty { _ = try? connection.command(["SREM", settings.keys.processes] + gone) }
        return live.sorted { $0.startedAt < $1.startedAt }
    }
}
