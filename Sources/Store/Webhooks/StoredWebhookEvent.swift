// One row of webhook_events as read back, for the receiver's tests and the worker's relay.

import Foundation

/// A webhook delivery as stored; `processedAt == nil` means its follow-up job has not finished.
public struct StoredWebhookEvent: Sendable, Equatable {
    /// The row id; job ids derive from it (`evt-<id>`).
    public var id: Int64
    public var notificationId: String
    public var type: Int
    public var shopId: String
    public var orderId: String?
    public var orderStatus: String?
    public var updateTime: Int64?
    /// The request body, byte for byte.
    public var rawBody: Data
    public var receivedAt: Date
    public var processedAt: Date?

    public init(
        id: Int64, notificationId: String, type: Int, shopId: String, orderId: String?, orderStatus: String? = nil,
        updateTime: Int64?, rawBody: Data, receivedAt: Date, processedAt: Date?
    ) {
        self.orderStatus = orderStatus
        self.id = id
        self.notificationId = notificationId
        self.type = type
        self.shopId = shopId
        self.orderId = orderId
        self.updateTime = updateTime
        self.rawBody = rawBody
        self.receivedAt = receivedAt
        self.processedAt = processedAt
    }
}

extension StoredWebhookEvent {
    /// Decodes a row selected with `WebhookEventStore.columns`.
    init(row: PostgresRow) throws {
        self.init(
            id: try row["id", as: Int64.self], notificationId: try row["notification_id", as: String.self],
            type: try row["type", as: Int.self], shopId: try row["shop_id", as: String.self],
            orderId: try row["order_id", as: String?.self], orderStatus: try row["order_status", as: String?.self],
            updateTime: try row["update_time", as: Int64?.self],
            rawBody: try row["raw_body", as: Data.self], receivedAt: try row["received_at", as: Date.self],
            processedAt: try row["processed_at", as: Date?.self])
    }
}

extension StoredWebhookEvent {
    /// The order event this row is; nil when it names no order.
    public var orderEvent: WebhookOrderEvent? {
        WebhookOrderEvent(eventId: id, shopId: shopId, orderId: orderId, orderStatus: orderStatus)
    }
}
