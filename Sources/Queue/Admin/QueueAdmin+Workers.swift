// The fleet's worker processes, read from the info each one publishes with its heartbeat.

import Foundation

extension QueueAdmin {
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
