// A verified webhook delivery about to be written to webhook_events: the raw bytes exactly as
// received plus the fields the receiver extracted for deduplication and routing.

import Foundation

/// The row `WebhookEventStore.insert` writes for one delivery.
public struct NewWebhookEvent: Sendable, Equatable {
    /// TikTok's `tts_notification_id`, the primary deduplication key.
    public var notificationId: String
    /// TikTok's numeric event type (1 = ORDER_STATUS_CHANGE, ...).
    public var type: Int
    public var shopId: String
    /// `data.order_id`, when the event names one order.
    public var orderId: String?
    /// `data.order_status`, when the event carries one.
    public var orderStatus: String?
    /// `data.update_time` (Unix seconds), part of the fallback key (type, order_id, update_time).
    public var updateTime: Int64?
    /// The request body, byte for byte.
    public var rawBody: Data
    /// Whether the event needs no further work, so it is stored with `processed_at = now()`.
    public var processed: Bool

    public init(
        notificationId: String, type: Int, shopId: String, orderId: String? = nil, orderStatus: String? = nil,
        updateTime: Int64? = nil, rawBody: Data, processed: Bool
    ) {
        self.orderStatus = orderStatus
        self.notificationId = notificationId
        self.type = type
        self.shopId = shopId
        self.orderId = orderId
        self.updateTime = updateTime
        self.rawBody = rawBody
        self.processed = processed
    }
}

extension NewWebhookEvent {
    /// The order event this delivery became once stored as row `id`; nil when it names no order.
    public func orderEvent(id: Int64) -> WebhookOrderEvent? {
        WebhookOrderEvent(eventId: id, shopId: shopId, orderId: orderId, orderStatus: orderStatus)
    }
}
