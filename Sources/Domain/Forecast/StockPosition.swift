/// Where one SKU's stock stands at the end of the hour. Negative and non-finite values count as 0.
public struct StockPosition: Sendable, Equatable {
    /// Units on hand now.
    public var onHand: Double
    /// Units on open purchase orders.
    public var onOrder: Double
    /// Units scheduled to arrive per hour; index 0 is the next hour.
    public var arrivals: [Double]

    public init(onHand: Double, onOrder: Double, arrivals: [Double] = []) {
        self.onHand = HourlyDemandHistory.sanitized(onHand)
        self.onOrder = HourlyDemandHistory.sanitized(onOrder)
        self.arrivals = arrivals.map(HourlyDemandHistory.sanitized)
    }

    /// On hand plus on order.
    public var inventoryPosition: Double { onHand + onOrder }
}
