// The first job of every order webhook: classify the order the event names (priority, queue,
// next step). Enqueued by the receiver, and re-enqueued by the worker's webhook relay with the
// same id, so both paths produce the same job.

/// Classifies one order after webhook event `eventId` (a webhook_events row) reported a change.
public struct ClassifyJob: JobPayload, Equatable {
    public static let kind = "classify"
    public static let defaultQueue = "default"

    /// TikTok's shop id, as in the webhook.
    public var shopId: String
    /// TikTok's order id.
    public var orderId: String
    /// The webhook_events row that caused this job.
    public var eventId: Int64
    /// The order status the webhook carried, if any; a hint only (handlers re-fetch the order).
    public var orderStatus: String?

    public init(shopId: String, orderId: String, eventId: Int64, orderStatus: String? = nil) {
        self.shopId = shopId
        self.orderId = orderId
        self.eventId = eventId
        self.orderStatus = orderStatus
    }

    enum CodingKeys: String, CodingKey {
        case shopId = "shop_id", orderId = "order_id", eventId = "event_id", orderStatus = "order_status"
    }

    public var correlation: String? { orderId }

    /// The job id for the classify job of webhook event `eventId`: stable across re-enqueues.
    public static func jobID(forEvent eventId: Int64) -> String { "evt-\(eventId)" }
}
