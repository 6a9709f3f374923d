// One client's bounded queue of outgoing events. Publishing never waits: when the queue is full
// its events are dropped and the client gets a fresh snapshot instead (a resync), so a slow client
// never slows the others or the intake.

import Queue

/// What the client's writer sends next.
enum MailboxItem: Sendable, Equatable {
    /// Batches of events in order.
    case events([EventBatch])
    /// A fresh snapshot (the client fell behind, or asked for one, or the feed had a gap).
    case resync
    /// A heartbeat ping.
    case ping
}

/// A bounded, single-reader queue of event batches for one client, bounded by the events in them.
final class ClientMailbox: Sendable {
    private struct State {
        var batches: [EventBatch] = []
        /// Events in `batches`.
        var queued = 0
        var resync = false
        var ping = false
        var closed = false
    }

    let capacity: Int
    private let state = Locked(State())
    private let wake: AsyncStream<Void>
    private let wakeUp: AsyncStream<Void>.Continuation

    init(capacity: Int) {
        self.capacity = capacity
        (wake, wakeUp) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Queues `batch`; when its events would exceed the capacity, drops what is queued and asks
    /// for a resync instead.
    func push(_ batch: EventBatch) {
        let queued = state.withLock { state -> Bool in
            if state.closed || state.resync { return false }
            if state.queued + batch.events.count > capacity {
                state.batches.removeAll(keepingCapacity: true)
                state.queued = 0
                state.resync = true
                return true
            }
            state.batches.append(batch)
            state.queued += batch.events.count
            return true
        }
        if queued { wakeUp.yield() }
    }

    /// Replaces whatever is queued with a resync.
    func requestResync() {
        state.withLock {
            $0.batches.removeAll(keepingCapacity: true)
            $0.queued = 0
            $0.resync = true
        }
        wakeUp.yield()
    }

    /// Queues a heartbeat ping (never dropped, never counted against the capacity).
    func requestPing() {
        state.withLock { $0.ping = true }
        wakeUp.yield()
    }

    /// Ends the mailbox: `next()` returns `nil` from now on.
    func close() {
        state.withLock { $0.closed = true }
        wakeUp.finish()
    }

    /// The next items to send, waiting until there are some; `nil` once closed.
    func next() async -> [MailboxItem]? {
        var iterator = wake.makeAsyncIterator()
        while true {
            let items = state.withLock { state -> [MailboxItem]? in
                if state.closed { return nil }
                var items: [MailboxItem] = []
                if state.ping { items.append(.ping) }
                if state.resync {
                    items.append(.resync)
                } else if !state.batches.isEmpty {
                    items.append(.events(state.batches))
                }
                state.ping = false
                state.resync = false
                state.batches.removeAll(keepingCapacity: true)
                state.queued = 0
                return items
            }
            guard let items else { return nil }
            if !items.isEmpty { return items }
            guard await iterator.next() != nil else { return nil }
        }
    }
}
