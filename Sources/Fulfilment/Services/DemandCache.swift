// A SKU's demand (units sold per window and units on order) as last read, shared by one worker
// process's slots. classify and reserve score and check every order of a viral SKU; the windows
// span half an hour to a day, so a second-old count changes nothing but saves the read.

import Domain
import Foundation
import Worker

/// Demand per SKU, reused while younger than `maxAge` by the services' clock.
final class DemandCache: Sendable {
    /// A SKU's demand as of `readAt`.
    struct Entry: Sendable {
        let units: WindowedUnits
        let onOrder: Int
        let readAt: Date
    }

    /// Entries beyond this many are dropped wholesale (a process seeing more SKUs re-reads them).
    static let capacity = 10_000

    let maxAge: TimeInterval
    private let entries = Locked<[String: Entry]>([:])

    init(maxAge: TimeInterval) {
        self.maxAge = maxAge
    }

    /// The cached demand of `skuId` if read within `maxAge` before `now`, else `read()`'s, remembered.
    func demand(skuId: String, now: Date, read: () throws -> Entry) rethrows -> Entry {
        if let entry = entries.withLock({ $0[skuId] }), now >= entry.readAt, now.timeIntervalSince(entry.readAt) < maxAge {
            return entry
        }
        let entry = try read()
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll() }
            entries[skuId] = entry
        }
        return entry
    }
}
