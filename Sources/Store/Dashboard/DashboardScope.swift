// What one dashboard viewer may read: every shop (an operator), or some shops and their SKUs.

/// The shops a dashboard reader sees; `nil` shop ids mean all of them.
public struct DashboardScope: Sendable, Equatable {
    /// Shop row ids, or `nil` for the whole fleet.
    public var shopIds: [Int64]?

    public init(shopIds: [Int64]?) {
        self.shopIds = shopIds
    }

    /// Every shop.
    public static let everything = DashboardScope(shopIds: nil)

    /// The `$n::bigint[]` parameter that filters by shop: NULL for everything.
    var parameter: PostgresValue? { shopIds.map { .string(PostgresArray.int64($0)) } }
}
