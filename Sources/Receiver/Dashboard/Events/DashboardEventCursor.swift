// Where a web process is in the dashboard's event log. Ids are handed out as rows are written but
// become visible as transactions commit, so a newer id can be seen before an older one: the ids
// jumped over are remembered and asked for again until they turn up or `gapWait` passes (the
// transaction rolled back, or never took the id it was given). Pure: the feed does the reading.

import Foundation

/// The last id read and the skipped ones still awaited.
struct DashboardEventCursor: Equatable {
    /// Every id up to it was read or is awaited in `skipped`.
    private(set) var last: Int64
    /// Skipped ids, with when each was first noticed missing.
    private(set) var skipped: [Int64: Double] = [:]
    /// How long a skipped id is awaited.
    let gapWait: Double
    /// The most skipped ids awaited at once (the oldest are dropped beyond it).
    let maxSkipped: Int

    init(after last: Int64, gapWait: Double, maxSkipped: Int = 10_000) {
        self.last = last
        self.gapWait = gapWait
        self.maxSkipped = maxSkipped
    }

    /// The awaited ids, for the next read.
    var awaited: [Int64] { skipped.keys.sorted() }

    /// Takes the ids a read returned (ascending) at `now`; returns those not seen before, in order.
    mutating func advance(with ids: [Int64], now: Double) -> [Int64] {
        var fresh: [Int64] = []
        for id in ids {
            if skipped.removeValue(forKey: id) != nil {
                fresh.append(id)
            } else if id > last {
                var missing = max(last + 1, id - Int64(maxSkipped))
                while missing < id {
                    skipped[missing] = now
                    missing += 1
                }
                last = id
                fresh.append(id)
            }
        }
        expire(now: now)
        return fresh
    }

    /// Starts over after `id` (nobody was listening: a client that connects reads a snapshot).
    mutating func restart(after id: Int64) {
        last = max(last, id)
        skipped.removeAll()
    }

    private mutating func expire(now: Double) {
        skipped = skipped.filter { now - $0.value < gapWait }
        if skipped.count > maxSkipped {
            for id in skipped.keys.sorted().prefix(skipped.count - maxSkipped) { skipped.removeValue(forKey: id) }
        }
    }
}
