// Retries and delayed jobs for operators: list, run now, delete; and fleet-wide queue pause.

import Foundation
import Redis

extension QueueAdmin {
    private func key(_ set: WaitingSet, _ queue: String) -> String {
        let q = settings.keys.queue(queue)
        return set == .retry ? q.retry : q.scheduled
    }

    /// Jobs in `set` across every queue, soonest first.
    public func waitingJobs(_ set: WaitingSet, limit: Int = 1000) throws -> [WaitingJob] {
        var jobs: [WaitingJob] = []
        for queue in try allQueues() {
            let reply = try connection.command(["ZRANGE", key(set, queue), "0", String(limit - 1), "WITHSCORES"]).strings
            for i in stride(from: 0, to: reply.count - 1, by: 2) {
                jobs.append(WaitingJob(
                    queue: queue, runAt: Double(reply[i + 1]) ?? 0, raw: reply[i], envelope: try? JobEnvelope.decode(reply[i])))
            }
        }
        return jobs.sorted { $0.runAt < $1.runAt }
    }

    /// Moves waiting jobs onto their queue now; returns how many moved.
    @discardableResult
    public func runNow(_ set: WaitingSet, queue: String, raws: [String]) throws -> Int {
        if raws.isEmpty { return 0 }
        let call = QueueScripts.runNowCall(from: key(set, queue), settings.keys.queue(queue), raws: raws)
        let moved = try connection.eval(call.script, keys: call.keys, args: call.args).integer ?? 0
        if moved > 0 { connection.wakeFetchers(settings.keys) }
        return moved
    }

    /// Moves every retry whose envelope satisfies `matches` onto its queue now (read a page at a
    /// time, across every queue); returns how many moved.
    @discardableResult
    public func runRetriesNow(where matches: (JobEnvelope) -> Bool) throws -> Int {
        let page = 1000
        var moved = 0
        for queue in try allQueues() {
            var chosen: [String] = []
            var start = 0
            while true {
                let raws = try connection.command(["ZRANGE", key(.retry, queue), String(start), String(start + page - 1)]).strings
                chosen += raws.filter { raw in (try? JobEnvelope.decode(raw)).map(matches) ?? false }
                if raws.count < page { break }
                start += page
            }
            for batch in stride(from: 0, to: chosen.count, by: page) {
                moved += try runNow(.retry, queue: queue, raws: Array(chosen[batch..<min(batch + page, chosen.count)]))
            }
        }
        return moved
    }

    /// Deletes waiting jobs; returns how many existed.
    @discardableResult
    public func deleteWaiting(_ set: WaitingSet, queue: String, raws: [String]) throws -> Int {
        if raws.isEmpty { return 0 }
        return try connection.command(["ZREM", key(set, queue)] + raws).integer ?? 0
    }

    /// Pauses or resumes a queue for the whole fleet: claims return nothing while paused.
    public func setPaused(_ paused: Bool, queue: String) throws {
        let q = settings.keys.queue(queue)
        try connection.pipeline(paused ? [["SET", q.paused, "1"], ["SADD", settings.keys.queues, queue]] : [["DEL", q.paused]])
            .forEach { if case .error(let m) = $0 { throw RedisError.server(command: "pause", message: m) } }
    }
}
