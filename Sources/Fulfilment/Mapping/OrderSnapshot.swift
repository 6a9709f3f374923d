// TikTok's order detail mapped into what CreatorFlow stores: state, units per SKU (one line item
// is one unit), prices in minor units, the address as JSON, timestamps.

import Clients
import Domain
import Foundation
import Store

/// An order as TikTok reported it, in CreatorFlow's terms. Pure.
public struct OrderSnapshot: Sendable, Equatable {
    public var tiktokOrderId: String
    public var status: TikTokOrderStatus
    public var isOnHold: Bool
    /// Where the order stands by TikTok's word alone.
    public var state: OrderState
    /// Units per SKU, and the unit price of each SKU in minor units.
    public var lines: [OrderLine]
    public var unitPriceMinor: [String: Int]
    public var currency: String
    public var productIds: [String: String]
    /// The recipient address as stored (`StoredAddress`), nil when TikTok sent none.
    public var addressJSON: String?
    public var regionCode: String?
    public var orderedAt: Date
    /// TikTok's `update_time` (Unix seconds).
    public var updateTime: Int64
    public var packageId: String?
    public var buyerId: String?
    /// TikTok's line item ids (one per unit), which mark-shipped names.
    public var lineItemIds: [String]

    /// Maps `order`; throws when TikTok reports a status this build does not know.
    public init(_ order: TikTokOrder) throws {
        guard let status = TikTokOrderStatus(rawValue: order.status) else {
            throw PipelineError.corrupt("order \(order.id) has unknown TikTok status '\(order.status)'")
        }
        tiktokOrderId = order.id
        self.status = status
        isOnHold = order.isOnHoldOrder ?? false
        state = status.orderState(isOnHold: isOnHold)
        currency = order.payment?.currency ?? order.lineItems.first?.currency ?? "USD"
        lines = order.unitsBySKU.map { OrderLine(skuId: $0.key, quantity: $0.value) }.sorted { $0.skuId < $1.skuId }
        var prices: [String: Int] = [:]
        var products: [String: String] = [:]
        for item in order.lineItems {
            if prices[item.skuId] == nil, let text = item.salePrice {
                prices[item.skuId] = (try? Money.parse(text, currency: currency))?.minorUnits
            }
            if let product = item.productId { products[item.skuId] = product }
        }
        unitPriceMinor = prices
        productIds = products
        addressJSON = try order.recipientAddress.map { try StoredAddress($0).json }
        regionCode = order.recipientAddress?.regionCode
        let created = order.createTime ?? order.updateTime ?? 0
        orderedAt = Date(timeIntervalSince1970: TimeInterval(created))
        updateTime = order.updateTime ?? created
        packageId = order.packages?.first?.id
        buyerId = order.userId
        lineItemIds = order.lineItems.map(\.id)
    }

    /// Shipping complexity 0–1 for the priority score: +0.25 per SKU beyond the first, +0.25 for
    /// more than 3 units, +0.5 outside the US; clamped to 1.
    public var shippingComplexity: Double {
        let units = lines.reduce(0) { $0 + $1.quantity }
        var complexity = Double(max(lines.count - 1, 0)) * 0.25
        if units > 3 { complexity += 0.25 }
        if let regionCode, regionCode.uppercased() != "US" { complexity += 0.5 }
        return min(complexity, 1)
    }
}
