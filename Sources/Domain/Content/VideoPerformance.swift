// One video as one poll of TikTok's video analytics reports it: cumulative counts over the
// polled date window and the products the video tags (through which it reaches SKUs).

import Foundation

/// A video's cumulative performance over a requested window.
public struct VideoPerformance: Sendable, Equatable {
    /// TikTok's video id.
    public var id: String
    /// Never negative.
    public var views: Int64
    public var unitsSold: Int64?
    public var skuOrders: Int64?
    /// 0…1.
    public var clickThroughRate: Double?
    public var postedAt: Date?
    /// The ids of the products the video tags, each once.
    public var productIds: [String]

    public init(
        id: String, views: Int64, unitsSold: Int64? = nil, skuOrders: Int64? = nil, clickThroughRate: Double? = nil,
        postedAt: Date? = nil, productIds: [String] = []
    ) {
        self.id = id
        self.views = views
        self.unitsSold = unitsSold
        self.skuOrders = skuOrders
        self.clickThroughRate = clickThroughRate
        self.postedAt = postedAt
        self.productIds = productIds
    }
}
