// An EasyPost webhook body: a tracker event, which the receiver stores, or any other event
// (batches, invoices, …), which it acknowledges and ignores.

import Domain
import Foundation
import Queue

/// A verified EasyPost `Event`.
public enum EasyPostEvent: Sendable, Equatable {
    /// `tracker.created` or `tracker.updated`.
    case tracker(TrackerUpdate)
    /// Another event; its `description`.
    case other(String)

    /// Parses `body`; throws a message naming the first missing or mistyped field.
    public init(parsing body: Data) throws(WebhookPayloadError) {
        guard let parsed = try? JSONDecoder().decode(JSONValue.self, from: body) else {
            throw WebhookPayloadError("malformed JSON: the body is not valid JSON")
        }
        guard case .object(let root) = parsed else { throw WebhookPayloadError("the body must be a JSON object") }
        guard case .string(let description)? = root["description"], !description.isEmpty else {
            throw WebhookPayloadError("missing required field 'description'")
        }
        guard description.hasPrefix("tracker.") else {
            self = .other(description)
            return
        }
        guard case .object(let result)? = root["result"] else {
            throw WebhookPayloadError("field 'result' must be the tracker object")
        }
        let tracker = EventFields(result, prefix: "result.")
        var scans: [TrackingScan] = []
        for (index, entry) in try tracker.array("tracking_details").enumerated() {
            guard case .object(let object) = entry else {
                throw WebhookPayloadError("field 'result.tracking_details[\(index)]' must be an object")
            }
            let scan = EventFields(object, prefix: "result.tracking_details[\(index)].")
            scans.append(
                TrackingScan(
                    status: try scan.required("status"), statusDetail: try scan.optional("status_detail"),
                    message: try scan.optional("message"), datetime: try scan.optional("datetime"), raw: entry))
        }
        let event = EventFields(root, prefix: "")
        let trackerTime = try tracker.optional("updated_at")
        let eventTime = try event.optional("updated_at")
        self = .tracker(
            TrackerUpdate(
                eventId: try event.optional("id"), trackingCode: try tracker.required("tracking_code"),
                carrier: try tracker.optional("carrier"), status: try tracker.required("status"),
                updatedAt: trackerTime ?? eventTime, details: scans))
    }
}

/// Typed access to one object's fields, with errors naming the full path.
private struct EventFields {
    let values: [String: JSONValue]
    let prefix: String

    init(_ values: [String: JSONValue], prefix: String) {
        self.values = values
        self.prefix = prefix
    }

    func required(_ name: String) throws(WebhookPayloadError) -> String {
        guard let value = try optional(name), !value.isEmpty else {
            throw WebhookPayloadError("missing required field '\(prefix)\(name)'")
        }
        return value
    }

    func optional(_ name: String) throws(WebhookPayloadError) -> String? {
        switch values[name] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        default: throw WebhookPayloadError("field '\(prefix)\(name)' must be a string")
        }
    }

    func array(_ name: String) throws(WebhookPayloadError) -> [JSONValue] {
        switch values[name] {
        case nil, .null?: return []
        case .array(let value)?: return value
        default: throw WebhookPayloadError("field '\(prefix)\(name)' must be an array")
        }
    }
}
