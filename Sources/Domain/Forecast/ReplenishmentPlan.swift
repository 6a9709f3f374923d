/// The order to place for one SKU this hour: `quantity` 0 means none.
public struct ReplenishmentPlan: Sendable, Equatable {
    public var outlook: DemandOutlook
    /// Units to order now (≥ 0).
    public var quantity: Int
    /// Ship by express (short lead time, higher unit cost) rather than standard.
    public var express: Bool

    public init(outlook: DemandOutlook, quantity: Int, express: Bool) {
        self.outlook = outlook
        self.quantity = quantity
        self.express = express
    }
}
