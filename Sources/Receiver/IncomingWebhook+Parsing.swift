// Parses and validates a webhook body. Required everywhere: `type` (integer),
// `tts_notification_id` and `shop_id` (non-empty strings). Order events also require the object
// `data` with `data.order_id`; elsewhere `data` fields are read only when well-typed.

import Foundation

extension IncomingWebhook {
    /// Parses `body`; throws a message naming the first missing or mistyped field.
    public init(parsing body: Data) throws(WebhookPayloadError) {
        let root: WebhookBody
        do {
            root = try JSONDecoder().decode(WebhookBody.self, from: body)
        } catch DecodingError.typeMismatch {
            throw WebhookPayloadError("the body must be a JSON object")
        } catch {
            throw WebhookPayloadError("malformed JSON: the body is not valid JSON")
        }
        let type = try required(try integer(root.type, "type"), "type")
        guard let storable = Int32(exactly: type) else {
            throw WebhookPayloadError("field 'type' is out of range")
        }
        self.init(
            type: Int(storable),
            notificationId: try required(try string(root.notificationId, "tts_notification_id"), "tts_notification_id"),
            shopId: try required(try string(root.shopId, "shop_id"), "shop_id"))
        if startsClassifyJob {
            guard let data = root.data else { throw WebhookPayloadError("missing required field 'data'") }
            guard case .object(let fields) = data else { throw WebhookPayloadError("field 'data' must be an object") }
            orderId = try required(try string(fields.orderId, "data.order_id"), "data.order_id")
            orderStatus = try string(fields.orderStatus, "data.order_status")
            updateTime = try integer(fields.updateTime, "data.update_time")
        } else if case .object(let fields)? = root.data {
            orderId = try? string(fields.orderId, "data.order_id")
            orderStatus = try? string(fields.orderStatus, "data.order_status")
            updateTime = try? integer(fields.updateTime, "data.update_time")
        }
    }
}

/// Integers travel as JSON numbers; beyond 2^53 a Double no longer holds them exactly.
private let exactIntegerLimit = 9_007_199_254_740_992.0

private func string(_ field: WebhookField?, _ path: String) throws(WebhookPayloadError) -> String? {
    switch field {
    case nil, .null?: return nil
    case .string(let text)? where !text.isEmpty: return text
    default: throw WebhookPayloadError("field '\(path)' must be a non-empty string")
    }
}

private func integer(_ field: WebhookField?, _ path: String) throws(WebhookPayloadError) -> Int64? {
    switch field {
    case nil, .null?: return nil
    case .number(let number)? where number.rounded() == number && abs(number) <= exactIntegerLimit: return Int64(number)
    default: throw WebhookPayloadError("field '\(path)' must be an integer")
    }
}

private func required<Value>(_ value: Value?, _ path: String) throws(WebhookPayloadError) -> Value {
    guard let value else { throw WebhookPayloadError("missing required field '\(path)'") }
    return value
}
