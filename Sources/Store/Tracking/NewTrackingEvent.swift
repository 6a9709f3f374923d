// One carrier scan about to be written to tracking_events. `dedupeKey` is unique in the table, so
// a redelivered or repeated scan is written once.

import Foundation

/// The row `TrackingEventStore.insert` writes for one tracking update.
public struct NewTrackingEvent: Sendable, Equatable {
    /// The carrier's status for this scan (EasyPost: `in_transit`, `delivered`, …).
    public var status: String
    /// When the carrier says the scan happened.
    public var occurredAt: Date
    /// The scan as received, JSON text (stored as `jsonb`).
    public var rawJSON: String
    /// Identifies the scan across deliveries (e.g. `easypost:<tracking code>:<digest>`).
    public var dedupeKey: String

    public init(status: String, occurredAt: Date, rawJSON: String, dedupeKey: String) {
        self.status = status
        self.occurredAt = occurredAt
        self.rawJSON = rawJSON
        self.dedupeKey = dedupeKey
    }
}
