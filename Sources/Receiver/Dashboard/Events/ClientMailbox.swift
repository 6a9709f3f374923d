// One client's bounded queue of outgoing events. Publishing never waits: when the queue is full
// its events are dropped and the client gets a fresh snapshot instead (a resync), so a slow client
// never slows the others or the intake.

import Queue

/// What the client's writer sends next.
enum MailboxItem: Sendable, Equatable {
    /// Events in order.
    case events([DashboardEvent])
    /// A fresh snapshot (the client fell behind, or asked for one, or the feed had a gap).
    case resync
    /// A heartbeat ping.
    case ping
}

/// A bounded, single-reader queue of events for one client.
final class ClientMailbox: Sendable {
    private struct State {
        var events: [DashboardEvent] = []
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

    /// Queues `event`; when the queue is full, drops what is queued and asks for a resync instead.
    func push(_ event: DashboardEvent) {
        let queued = state.withLock { state -> Bool in
            if state.closed || state.resync { return false }
            if state.events.count >= capacity {
                state.events.removeAll(keepingCapacity: true)
                state.resync = true
                return true
            }
            state.events.append(event)
            return true
        }
        if queued { wakeUp.yield() }
    }

    /// Replaces whatever is queued with a resync.
    func requestResync() {
        state.withLock {
            $0.events.removeAll(keepingCapacity: true)
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
                } else if !state.events.isEmpty {
                    items.append(.events(state.events))
                }
                state.ping = false
                state.resync = false
                state.events.removeAll(keepingCapacity: true)
                return items
            }
            guard let items else { return nil }
            if !items.isEmpty { return items }
            guard await iterator.next() != nil else { return nil }
        }
    }
}
