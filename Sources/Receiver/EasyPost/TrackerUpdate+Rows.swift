// The tracking_events rows of one tracker update: one per scan, keyed by a digest of the scan so
// the cumulative `tracking_details` EasyPost resends with every event add only what is new. A
// tracker without scans yet gives one row for its status.

import Crypto
import Domain
import Foundation
import Hex
import Queue
import Store

extension TrackerUpdate {
    /// The rows to append; a scan without a parseable time is dated `receivedAt`.
    public func trackingRows(receivedAt: Date) -> [NewTrackingEvent] {
        let fallback = updatedAt.flatMap(Self.date) ?? receivedAt
        if details.isEmpty {
            let raw = JSONValue.object(["status": .string(status), "event_id": eventId.map(JSONValue.string) ?? .null])
            return [
                NewTrackingEvent(
                    status: status, occurredAt: fallback, rawJSON: Self.text(raw),
                    dedupeKey: dedupeKey(["status-only", status]))
            ]
        }
        return details.map { scan in
            NewTrackingEvent(
                status: scan.status, occurredAt: scan.datetime.flatMap(Self.date) ?? fallback, rawJSON: Self.text(scan.raw),
                dedupeKey: dedupeKey([scan.status, scan.statusDetail ?? "", scan.datetime ?? "", scan.message ?? ""]))
        }
    }

    /// `easypost:<tracking code>:<first 32 hex digits of SHA-256 over the parts>`.
    private func dedupeKey(_ parts: [String]) -> String {
        let digest = SHA256.hash(data: Data(parts.joined(separator: "\u{1F}").utf8))
        return "easypost:\(trackingCode):" + digest.prefix(16).lowercaseHex
    }

    private static func date(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    private static func text(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}
