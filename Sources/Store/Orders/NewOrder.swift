// An order as first stored: the TikTok order, its score and routing, and its lines.

import Domain
import Foundation

/// The row and lines ``OrderStore/insert(_:)`` writes.
public struct NewOrder: Sendable, Equatable {
    /// One line of a new order: units of a SKU at a unit price.
    public struct Line: Sendable, Equatable {
        public var skuId: String
        public var quantity: Int
        public var unitPriceMinor: Int

        public init(skuId: String, quantity: Int, unitPriceMinor: Int) {
            self.skuId = skuId
            self.quantity = quantity
            self.unitPriceMinor = unitPriceMinor
        }
    }

    public var tiktokOrderId: String
    public var shopRowId: Int64
    public var customerId: Int64?
    /// TikTok's status text.
    public var status: String
    public var state: OrderState
    public var priorityScore: Int
    public var priority: String
    public var queue: String
    public var addressJSON: String?
    public var orderedAt: Date
    public var tiktokUpdateTime: Int64
    public var packageId: String?
    public var lineItemIds: [String]
    public var currency: String
    public var lines: [Line]

    public init(
        tiktokOrderId: String, shopRowId: Int64, customerId: Int64?, status: String, state: OrderState, priorityScore: Int,
        priority: String, queue: String, addressJSON: String?, orderedAt: Date, tiktokUpdateTime: Int64, packageId: String?,
        lineItemIds: [String], currency: String, lines: [Line]
    ) {
        self.tiktokOrderId = tiktokOrderId
        self.shopRowId = shopRowId
        self.customerId = customerId
        self.status = status
        self.state = state
        self.priorityScore = priorityScore
        self.priority = priority
        self.queue = queue
        self.addressJSON = addressJSON
        self.orderedAt = orderedAt
        self.tiktokUpdateTime = tiktokUpdateTime
        self.packageId = packageId
        self.lineItemIds = lineItemIds
        self.currency = currency
        self.lines = lines
    }
}
