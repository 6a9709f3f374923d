// An EasyPost `tracker.updated` (or `tracker.created`) event reduced to what tracking needs:
// the tracker's code, carrier and status, and its scans (`tracking_details`) as received.

import Domain
import Queue

/// The tracker carried by one EasyPost event.
public struct TrackerUpdate: Sendable, Equatable {
    /// The event's `id` (`evt_…`), for logs.
    public var eventId: String?
    /// `result.tracking_code`: the number on the label, matched against `shipments.tracking_number`.
    public var trackingCode: String
    /// `result.carrier` (USPS, UPS, FedEx, …).
    public var carrier: String?
    /// `result.status`: the tracker's current status (`delivered` moves the order on).
    public var status: String
    /// `result.updated_at` or the event's `updated_at`, ISO 8601, for a scan without its own time.
    public var updatedAt: String?
    /// Every scan so far, oldest first as EasyPost sends them.
    public var details: [TrackingScan]

    public init(
        eventId: String?, trackingCode: String, carrier: String?, status: String, updatedAt: String?,
        details: [TrackingScan]
    ) {
        self.eventId = eventId
        self.trackingCode = trackingCode
        self.carrier = carrier
        self.status = status
        self.updatedAt = updatedAt
        self.details = details
    }
}

/// One entry of a tracker's `tracking_details`.
public struct TrackingScan: Sendable, Equatable {
    public var status: String
    public var statusDetail: String?
    public var message: String?
    /// `datetime`, ISO 8601 as sent.
    public var datetime: String?
    /// The whole entry as received.
    public var raw: JSONValue

    public init(status: String, statusDetail: String?, message: String?, datetime: String?, raw: JSONValue) {
        self.status = status
        self.statusDetail = statusDetail
        self.message = message
        self.datetime = datetime
        self.raw = raw
    }
}
