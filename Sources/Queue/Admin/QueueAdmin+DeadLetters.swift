// Dead letters for operators: list, resurrect and delete. The CLI (`creatorflow dead`) calls this.

import Foundation

extension QueueAdmin {
    /// Dead letters of `queue`, newest first.
    public func deadLetters(queue: String, offset: Int = 0, limit: Int = 100) throws -> [DeadLetter] {
        let q = settings.keys.queue(queue)
        let ids = try connection.command(["ZREVRANGE", q.dead, String(offset), String(offset + limit - 1)]).strings
        if ids.isEmpty { return [] }
        let raws = try connection.command(["HMGET", q.deadData] + ids).array
        return raws.compactMap { $0.string.flatMap { try? DeadLetter.decode($0) } }
    }

    /// Every dead letter of every queue, newest first (at most the per-queue cap each).
    public func allDeadLetters() throws -> [DeadLetter] {
        var letters: [DeadLetter] = []
        for queue in try allQueues() {
            letters += try deadLetters(queue: queue, offset: 0, limit: max(settings.deadMaxCount, 1))
        }
        return letters.sorted { $0.diedAt > $1.diedAt }
    }

    /// Puts dead letters back on their queue with a fresh attempt budget; returns how many moved.
    /// Garbage payloads go back as they came (and will die again).
    @discardableResult
    public func retryDead(queue: String, ids: [String], now: Double) throws -> Int {
        if ids.isEmpty { return 0 }
        let q = settings.keys.queue(queue)
        let raws = try connection.command(["HMGET", q.deadData] + ids).array
        var args: [String] = []
        for (id, reply) in zip(ids, raws) {
            guard let text = reply.string, let letter = try? DeadLetter.decode(text) else { continue }
            var raw = letter.payload
            if var envelope = try? JobEnvelope.decode(letter.payload) {
                envelope.attempt = 1
                envelope.recoveries = 0
                envelope.enqueuedAt = now
                raw = try envelope.encoded()
            }
            args += [id, raw]
        }
        let call = QueueScripts.resurrectCall(q, args: args)
        let moved = try connection.eval(call.script, keys: call.keys, args: call.args).integer ?? 0
        if moved > 0 { connection.wakeFetchers(settings.keys) }
        return moved
    }

    /// Deletes dead letters by id; returns how many existed.
    @discardableResult
    public func deleteDead(queue: String, ids: [String]) throws -> Int {
        if ids.isEmpty { return 0 }
        let call = QueueScripts.dropDeadCall(settings.keys.queue(queue), ids: ids)
        return try connection.eval(call.script, keys: call.keys, args: call.args).integer ?? 0
    }
}
