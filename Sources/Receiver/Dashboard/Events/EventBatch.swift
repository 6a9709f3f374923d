// Events published together to one audience. Their JSON is joined once per batch, and every
// client of that audience sends the same bytes: a batch read from the log costs one join and, per
// client, one copy into its frame.

import Hummingbird

/// Events in publishing order, with their JSON joined once for every client that receives them.
final class EventBatch: Sendable, Equatable {
    let events: [DashboardEvent]
    /// The events' JSON joined by commas: the inside of an `events` frame's array.
    let joined: ByteBuffer

    init(_ events: [DashboardEvent]) {
        self.events = events
        var joined = ByteBuffer()
        joined.reserveCapacity(events.reduce(events.count) { $0 + $1.json.utf8.count })
        for (index, event) in events.enumerated() {
            if index > 0 { joined.writeStaticString(",") }
            joined.writeString(event.json)
        }
        self.joined = joined
    }

    static func == (lhs: EventBatch, rhs: EventBatch) -> Bool { lhs.events == rhs.events }
}
