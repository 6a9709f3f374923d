// Per-SKU jobs: purchasing when stock runs low, and telling TikTok Shop what is available.

/// Forecasts one SKU's depletion and places a supplier order when it is needed.
public struct ReorderJob: JobPayload, Equatable {
    public static let kind = "reorder"
    public static let defaultQueue = "critical"
    public var skuId: String
    public init(skuId: String) { self.skuId = skuId }
    enum CodingKeys: String, CodingKey { case skuId = "sku_id" }
    public var correlation: String? { skuId }
}

/// Pushes one SKU's available stock to TikTok Shop (coalesced: one pending sync per SKU).
public struct StockSyncJob: JobPayload, Equatable {
    public static let kind = "stock-sync"
    public var skuId: String
    public init(skuId: String) { self.skuId = skuId }
    enum CodingKeys: String, CodingKey { case skuId = "sku_id" }
    public var correlation: String? { skuId }
}
