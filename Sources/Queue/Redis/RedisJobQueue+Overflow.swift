// Dead letters the caps dropped from the dead set: the acker archives them in PostgreSQL, then
// forgets them here.

extension RedisJobQueue {
    /// Dead letters dropped by the caps and not yet archived, at most `limit` of one queue.
    public func deadOverflow(queue: String, limit: Int = 500) throws -> [DeadLetter] {
        let reply = try connection.command(["HSCAN", settings.keys.queue(queue).deadOverflow, "0", "COUNT", String(limit)])
        let pairs = reply.array.count == 2 ? reply.array[1].strings : []
        return stride(from: 1, to: pairs.count, by: 2).compactMap { try? DeadLetter.decode(pairs[$0]) }
    }

    /// Forgets overflow dead letters once they are archived.
    public func forgetOverflow(queue: String, ids: [String]) throws {
        if ids.isEmpty { return }
        try connection.command(["HDEL", settings.keys.queue(queue).deadOverflow] + ids)
    }
}
