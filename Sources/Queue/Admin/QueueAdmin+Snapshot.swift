// What `creatorflow queues`, `/metrics` and the health probe read: every queue's depth, in-flight,
// scheduled, latency, and the fleet's counters.

import Foundation

extension QueueAdmin {
    /// Reads every known queue's state in two round trips; `countQueuedKinds` also reads every
    /// waiting job to count them by kind (for `creatorflow queues`, not for frequent scrapes).
    public func snapshot(now: Double, countQueuedKinds: Bool = false) throws -> FleetSnapshot {
        let queues = try allQueues()
        var commands: [[String]] = []
        for queue in queues {
            let q = settings.keys.queue(queue)
            commands += [
                ["LLEN", q.jobs], ["ZCARD", q.scheduled], ["ZCARD", q.retry], ["ZCARD", q.dead],
                ["EXISTS", q.paused], ["LINDEX", q.jobs, "-1"], ["SMEMBERS", q.processes], ["HGETALL", q.stats],
            ]
        }
        let replies = try connection.pipeline(commands)
        var inflightCommands: [[String]] = []
        var inflightOwners: [Int] = []
        for (index, queue) in queues.enumerated() {
            for pid in replies[index * 8 + 6].strings {
                inflightCommands.append(["LLEN", settings.keys.queue(queue).inflight(pid)])
                inflightOwners.append(index)
            }
        }
        let inflight = try connection.pipeline(inflightCommands)
        var fleet = FleetSnapshot(queues: [], processed: 0, failed: 0, retried: 0, dead: 0, kinds: [:])
        for (index, queue) in queues.enumerated() {
            let r = Array(replies[index * 8..<index * 8 + 8])
            let oldest = r[5].string.flatMap { try? JobEnvelope.decode($0) }
            let inFlight = zip(inflightOwners, inflight).filter { $0.0 == index }.reduce(0) { $0 + ($1.1.integer ?? 0) }
            fleet.queues.append(QueueSnapshot(
                name: queue, size: r[0].integer ?? 0, inFlight: inFlight, scheduled: r[1].integer ?? 0,
                retries: r[2].integer ?? 0, dead: r[3].integer ?? 0, paused: r[4].integer == 1,
                latencySeconds: oldest.map { max(0, now - $0.enqueuedAt) } ?? 0))
            let pairs = r[7].strings
            for i in stride(from: 0, to: pairs.count - 1, by: 2) {
                let value = Int(pairs[i + 1]) ?? 0
                let parts = pairs[i].split(separator: ":", maxSplits: 1).map(String.init)
                if parts.count == 2 {
                    var counters = fleet.kinds[parts[1], default: KindCounters()]
                    switch parts[0] {
                    case "processed": counters.processed += value
                    case "failed": counters.failed += value
                    case "retried": counters.retried += value
                    case "dead": counters.dead += value
                    default: continue  // duration fields (dur:KIND:BUCKET, dursum:KIND) are not counters
                    }
                    fleet.kinds[parts[1]] = counters
                } else {
                    switch parts[0] {
                    case "processed": fleet.processed += value
                    case "failed": fleet.failed += value
                    case "retried": fleet.retried += value
                    case "dead": fleet.dead += value
                    default: break
                    }
                }
            }
        }
        if countQueuedKinds {
            for queue in queues {
                for (kind, count) in try queuedKinds(queue) { fleet.kinds[kind, default: KindCounters()].queued += count }
            }
        }
        return fleet
    }

    private struct KindOnly: Decodable { var kind: String }

    /// Waiting jobs of `queue` counted by kind, read in chunks.
    private func queuedKinds(_ queue: String) throws -> [String: Int] {
        let key = settings.keys.queue(queue).jobs
        var counts: [String: Int] = [:]
        let decoder = JSONDecoder()
        var start = 0
        let chunk = 2000
        while true {
            let raws = try connection.command(["LRANGE", key, String(start), String(start + chunk - 1)]).strings
            for raw in raws {
                let kind = (try? decoder.decode(KindOnly.self, from: Data(raw.utf8)).kind) ?? "<undecodable>"
                counts[kind, default: 0] += 1
            }
            if raws.count < chunk { return counts }
            start += chunk
        }
    }
}
