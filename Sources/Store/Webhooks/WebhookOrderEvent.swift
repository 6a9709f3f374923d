// What the first job of an order webhook needs of its stored event, whichever path (the receiver
// right after the insert, or the relay later) enqueues that job.

/// A stored webhook event that names an order.
public struct WebhookOrderEvent: Sendable, Equatable {
    /// The `webhook_events` row id.
    public var eventId: Int64
    public var shopId: String
    public var orderId: String
    /// The order status the webhook carried, if any.
    public var orderStatus: String?

    public init(eventId: Int64, shopId: String, orderId: String, orderStatus: String?) {
        self.eventId = eventId
        self.shopId = shopId
        self.orderId = orderId
        self.orderStatus = orderStatus
    }
}

extension WebhookOrderEvent {
    /// The order event of stored row `eventId`; nil when the webhook names no order.
    init?(eventId: Int64, shopId: String, orderId: String?, orderStatus: String?) {
        guard let orderId else { return nil }
        self.init(eventId: eventId, shopId: shopId, orderId: orderId, orderStatus: orderStatus)
    }
}
