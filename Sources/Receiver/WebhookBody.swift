// The fields of a webhook body the receiver reads, decoded as JSON gives them (a string, a number,
// null or anything else) so the parser can name a mistyped field. Only these fields are decoded:
// the rest of the body is validated as JSON and stored raw, never built into values.

/// The top-level fields a webhook body is parsed for.
struct WebhookBody: Decodable {
    var type: WebhookField?
    var notificationId: WebhookField?
    var shopId: WebhookField?
    var data: WebhookData?

    enum CodingKeys: String, CodingKey {
        case type, notificationId = "tts_notification_id", shopId = "shop_id", data
    }

    init(from decoder: any Decoder) throws {
        let body = try decoder.container(keyedBy: CodingKeys.self)
        type = try body.decodeIfPresent(WebhookField.self, forKey: .type)
        notificationId = try body.decodeIfPresent(WebhookField.self, forKey: .notificationId)
        shopId = try body.decodeIfPresent(WebhookField.self, forKey: .shopId)
        data = body.contains(.data) ? try body.decode(WebhookData.self, forKey: .data) : nil
    }
}

/// `data`: an object with the order fields, null, or something else.
enum WebhookData: Decodable {
    case object(WebhookOrderFields)
    case null
    case other

    init(from decoder: any Decoder) throws {
        if try decoder.singleValueContainer().decodeNil() {
            self = .null
        } else if let fields = try? WebhookOrderFields(from: decoder) {
            self = .object(fields)
        } else {
            self = .other
        }
    }
}

/// The order fields of `data`.
struct WebhookOrderFields: Decodable {
    var orderId: WebhookField?
    var orderStatus: WebhookField?
    var updateTime: WebhookField?

    enum CodingKeys: String, CodingKey {
        case orderId = "order_id", orderStatus = "order_status", updateTime = "update_time"
    }
}

/// One field's JSON value as the parser tells it apart.
enum WebhookField: Decodable {
    case string(String)
    case number(Double)
    case null
    case other

    init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer()
        if value.decodeNil() {
            self = .null
        } else if let text = try? value.decode(String.self) {
            self = .string(text)
        } else if let number = try? value.decode(Double.self) {
            self = .number(number)
        } else {
            self = .other
        }
    }
}
