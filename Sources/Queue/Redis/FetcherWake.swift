// Waking idle fetchers when jobs land on a queue. An idle fetcher blocks on one fleet-wide list
// (`Keys.wake`) instead of on one queue at a time, so a job on any of its queues is picked up at
// once. Whatever puts jobs on a queue list (enqueue, promotion, reaping, requeues, the scheduler's
// tick, an operator's retry) pushes a token afterwards; the list keeps at most `keptTokens`, so
// tokens pushed while every fetcher is busy cost at most that many empty claim rounds later. A
// lost token costs latency only: fetchers still wake every idle period.

import Redis

/// The commands that wake idle fetchers.
enum FetcherWake {
    /// Tokens kept at most.
    static let keptTokens = 8

    /// Pushes one token and trims the list (one pipeline, or appended to one).
    static func commands(_ keys: Keys) -> [[String]] {
        [["LPUSH", keys.wake, "1"], ["LTRIM", keys.wake, "0", String(keptTokens - 1)]]
    }
}

extension RedisConnection {
    /// Wakes idle fetchers after jobs landed on a queue (best effort: a fetcher wakes within its
    /// idle period anyway).
    func wakeFetchers(_ keys: Keys) {
        _ = try? pipeline(FetcherWake.commands(keys))
    }
}
