// The web process's connected dashboard clients and the fan-out of events to them. Clients with
// the same audience (every operator, say) form a group: a published batch is filtered and joined
// once per group. A creator's audience grows with its shops' SKUs: the poller regroups its
// clients when it changes. Publishing only appends to each client's bounded mailbox: it never
// waits for a socket.

import Queue

/// One connected client: its filter and mailbox.
final class DashboardClient: Sendable {
    let id: UInt64
    let mailbox: ClientMailbox
    private let current: Locked<DashboardAudience>

    init(id: UInt64, audience: DashboardAudience, mailbox: ClientMailbox) {
        self.id = id
        self.mailbox = mailbox
        current = Locked(audience)
    }

    /// What the client sees now (a creator's SKUs can grow while it is connected).
    var audience: DashboardAudience { current.withLock { $0 } }

    fileprivate func change(to audience: DashboardAudience) { current.withLock { $0 = audience } }
}

/// Every connected client of this web process.
final class DashboardHub: Sendable {
    private struct State {
        var groups: [DashboardAudience: [UInt64: DashboardClient]] = [:]
        var nextId: UInt64 = 1
    }

    private let state = Locked(State())
    let bufferCapacity: Int

    init(bufferCapacity: Int) {
        self.bufferCapacity = bufferCapacity
    }

    /// Registers a client with `audience`; it receives every event published from now on.
    func connect(_ audience: DashboardAudience) -> DashboardClient {
        state.withLock { state in
            let client = DashboardClient(id: state.nextId, audience: audience, mailbox: ClientMailbox(capacity: bufferCapacity))
            state.nextId += 1
            state.groups[audience, default: [:]][client.id] = client
            return client
        }
    }

    func disconnect(_ client: DashboardClient) {
        state.withLock { state in
            let audience = client.audience
            state.groups[audience]?.removeValue(forKey: client.id)
            if state.groups[audience]?.isEmpty == true { state.groups.removeValue(forKey: audience) }
        }
        client.mailbox.close()
    }

    /// The audiences of the connected creators.
    var creatorAudiences: [DashboardAudience] { state.withLock { $0.groups.keys.filter { !$0.isOperator } } }

    /// Moves every client of `old` to `new` (a creator's SKUs changed); they receive `new`'s
    /// events from now on.
    func regroup(_ old: DashboardAudience, as new: DashboardAudience) {
        guard old != new else { return }
        state.withLock { state in
            guard let moving = state.groups.removeValue(forKey: old) else { return }
            for (id, client) in moving {
                client.change(to: new)
                state.groups[new, default: [:]][id] = client
            }
        }
    }

    var clientCount: Int { state.withLock { $0.groups.values.reduce(0) { $0 + $1.count } } }

    /// Queues `events` for every client whose audience receives them.
    func publish(_ events: [DashboardEvent]) {
        for (audience, clients) in groups() {
            let received = events.filter(audience.receives)
            guard !received.isEmpty else { continue }
            let batch = EventBatch(received)
            for client in clients { client.mailbox.push(batch) }
        }
    }

    /// Sends each audience the event `make` builds for it (per-viewer content, such as stock rows).
    func publishEach(_ make: (DashboardAudience) -> DashboardEvent?) {
        for (audience, clients) in groups() {
            guard let event = make(audience) else { continue }
            let batch = EventBatch([event])
            for client in clients { client.mailbox.push(batch) }
        }
    }

    /// Every client resynchronises: the feed may have missed events.
    func resyncAll() {
        for (_, clients) in groups() {
            for client in clients { client.mailbox.requestResync() }
        }
    }

    private func groups() -> [(DashboardAudience, [DashboardClient])] {
        state.withLock { $0.groups.map { ($0.key, Array($0.value.values)) } }
    }
}
