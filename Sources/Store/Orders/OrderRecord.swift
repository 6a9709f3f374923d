// An order as the pipeline reads it from PostgreSQL: identity, state, priority and its lines.

import Domain
import Foundation

/// One `orders` row with the fields the handlers need.
public struct OrderRecord: Sendable, Equatable {
    public var id: Int64
    public var tiktokOrderId: String
    /// TikTok's shop id (`shops.tiktok_shop_id`).
    public var shopId: String
    public var state: OrderState
    public var tiktokStatus: String
    public var priorityScore: Int?
    public var queue: String?
    public var packageId: String?
    /// The recipient address as stored (JSON text); nil when unknown.
    public var addressJSON: String?
    public var orderedAt: Date?
    /// TikTok's `update_time` of the status last applied (Unix seconds).
    public var tiktokUpdateTime: Int64?
    public var updatedAt: Date
    public var version: Int
    /// TikTok's line item ids, stored at classify (nil for orders stored before they were kept).
    public var lineItemIds: [String]?

    static let columns = """
        o.id, o.tiktok_order_id, s.tiktok_shop_id, o.internal_state, o.status, o.priority_score, o.queue,
        o.package_id, o.shipping_address::text AS address, o.ordered_at, o.tiktok_update_time, o.updated_at, o.version,
        array_to_string(o.line_item_ids, ',') AS line_item_ids
        """

    init(row: PostgresRow) throws {
        id = try row["id", as: Int64.self]
        tiktokOrderId = try row["tiktok_order_id", as: String.self]
        shopId = try row["tiktok_shop_id", as: String.self]
        let stateText = try row["internal_state", as: String.self]
        guard let state = OrderState(rawValue: stateText) else {
            throw PipelineError.corrupt("order \(tiktokOrderId) has unknown internal_state '\(stateText)'")
        }
        self.state = state
        tiktokStatus = try row["status", as: String.self]
        priorityScore = try row["priority_score", as: Int?.self]
        queue = try row["queue", as: String?.self]
        packageId = try row["package_id", as: String?.self]
        addressJSON = try row["address", as: String?.self]
        orderedAt = try row["ordered_at", as: Date?.self]
        tiktokUpdateTime = try row["tiktok_update_time", as: Int64?.self]
        updatedAt = try row["updated_at", as: Date.self]
        version = try row["version", as: Int.self]
        lineItemIds = try row["line_item_ids", as: String?.self].map { $0.split(separator: ",").map(String.init) }
    }

    /// The queue this order's next steps run on (its priority's), `default` before it is scored.
    public var stepQueue: String { queue ?? "default" }
}

/// One SKU of an order and its units.
public struct OrderLine: Sendable, Equatable {
    public var skuId: String
    public var quantity: Int

    public init(skuId: String, quantity: Int) {
        self.skuId = skuId
        self.quantity = quantity
    }
}
