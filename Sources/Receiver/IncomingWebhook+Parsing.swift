// Parses and validates a webhook body. Required everywhere: `type` (integer),
// `tts_notification_id` and `shop_id` (non-empty strings). Order events also require the object
// `data` with `data.order_id`; elsewhere `data` fields are read only when well-typed.

import Domain
import Foundation
import Queue

extension IncomingWebhook {
    /// Parses `body`; throws a message naming the first missing or mistyped field.
    public init(parsing body: Data) throws(WebhookPayloadError) {
        let root: [String: JSONValue]
        do {
            guard case .object(let object) = try JSONDecoder().decode(JSONValue.self, from: body) else {
                throw WebhookPayloadError("the body must be a JSON object")
            }
            root = object
        } catch let error as WebhookPayloadError {
            throw error
        } catch {
            throw WebhookPayloadError("malformed JSON: the body is not valid JSON")
        }
        let fields = Fields(values: root, prefix: "")
        let type = try fields.requiredInteger("type")
        guard let storable = Int32(exactly: type) else {
            throw WebhookPayloadError("field 'type' is out of range")
        }
        self.init(
            type: Int(storable),
            notificationId: try fields.requiredString("tts_notification_id"),
            shopId: try fields.requiredString("shop_id"))
        if startsClassifyJob {
            guard let value = root["data"] else { throw WebhookPayloadError("missing required field 'data'") }
            guard case .object(let object) = value else {
                throw WebhookPayloadError("field 'data' must be an object")
            }
            let data = Fields(values: object, prefix: "data.")
            orderId = try data.requiredString("order_id")
            orderStatus = try data.optionalString("order_status")
            updateTime = try data.optionalInteger("update_time")
        } else if case .object(let object)? = root["data"] {
            let data = Fields(values: object, prefix: "data.")
            orderId = try? data.requiredString("order_id")
            orderStatus = try? data.optionalString("order_status")
            updateTime = try? data.optionalInteger("update_time")
        }
    }
}

/// Typed access to one JSON object's fields, with errors that name the full field path.
private struct Fields {
    let values: [String: JSONValue]
    let prefix: String

    /// Integers travel as JSON numbers; beyond 2^53 a Double no longer holds them exactly.
    private static let exactLimit = 9_007_199_254_740_992.0

    func requiredString(_ name: String) throws(WebhookPayloadError) -> String {
        guard let value = try optionalString(name) else { throw missing(name) }
        return value
    }

    func optionalString(_ name: String) throws(WebhookPayloadError) -> String? {
        switch values[name] {
        case nil, .null?: return nil
        case .string(let text)? where !text.isEmpty: return text
        default: throw WebhookPayloadError("field '\(prefix)\(name)' must be a non-empty string")
        }
    }

    func requiredInteger(_ name: String) throws(WebhookPayloadError) -> Int64 {
        guard let value = try optionalInteger(name) else { throw missing(name) }
        return value
    }

    func optionalInteger(_ name: String) throws(WebhookPayloadError) -> Int64? {
        switch values[name] {
        case nil, .null?: return nil
        case .number(let number)? where number.rounded() == number && abs(number) <= Self.exactLimit:
            return Int64(number)
        default: throw WebhookPayloadError("field '\(prefix)\(name)' must be an integer")
        }
    }

    private func missing(_ name: String) -> WebhookPayloadError {
        WebhookPayloadError("missing required field '\(prefix)\(name)'")
    }
}
