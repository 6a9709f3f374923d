// The web process's connected dashboard clients and the fan-out of events to them. Publishing
// only appends to each client's bounded mailbox: it never waits for a socket.

import Queue

/// One connected client: its filter and mailbox.
struct DashboardClient: Sendable {
    let id: UInt64
    let audience: DashboardAudience
    let mailbox: ClientMailbox
}

/// Every connected client of this web process.
final class DashboardHub: Sendable {
    private struct State {
        var clients: [UInt64: DashboardClient] = [:]
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
            state.clients[client.id] = client
            return client
        }
    }

    func disconnect(_ client: DashboardClient) {
        state.withLock { _ = $0.clients.removeValue(forKey: client.id) }
        client.mailbox.close()
    }

    var clientCount: Int { state.withLock { $0.clients.count } }

    /// Queues `events` for every client whose audience receives them.
    func publish(_ events: [DashboardEvent]) {
        let clients = state.withLock { Array($0.clients.values) }
        for client in clients {
            for event in events where client.audience.receives(event) {
                client.mailbox.push(event)
            }
        }
    }

    /// Sends each client the events `make` builds for it (per-viewer content, such as stock rows).
    func publishEach(_ make: (DashboardAudience) -> DashboardEvent?) {
        let clients = state.withLock { Array($0.clients.values) }
        for client in clients {
            if let event = make(client.audience) { client.mailbox.push(event) }
        }
    }

    /// Every client resynchronises: the feed may have missed events.
    func resyncAll() {
        let clients = state.withLock { Array($0.clients.values) }
        for client in clients { client.mailbox.requestResync() }
    }
}
