// The fields of a TikTok Shop webhook body the receiver stores and routes on. Only these are
// read; the raw body is what gets stored, never a re-serialisation.

/// A parsed webhook delivery.
public struct IncomingWebhook: Sendable, Equatable {
    /// TikTok's numeric type; see `knownType`.
    public var type: Int
    /// `tts_notification_id`, the deduplication key.
    public var notificationId: String
    public var shopId: String
    /// `data.order_id`; always present when `knownType?.startsClassifyJob` is true.
    public var orderId: String?
    /// `data.order_status`, when present.
    public var orderStatus: String?
    /// `data.update_time` in Unix seconds, when present.
    public var updateTime: Int64?

    public init(
        type: Int, notificationId: String, shopId: String, orderId: String? = nil, orderStatus: String? = nil,
        updateTime: Int64? = nil
    ) {
        self.type = type
        self.notificationId = notificationId
        self.shopId = shopId
        self.orderId = orderId
        self.orderStatus = orderStatus
        self.updateTime = updateTime
    }

    /// The documented type, or nil for a number TikTok has not documented (yet).
    public var knownType: WebhookEventType? { WebhookEventType(rawValue: type) }

    /// Whether this delivery starts a classify job.
    public var startsClassifyJob: Bool { knownType?.startsClassifyJob ?? false }
}
