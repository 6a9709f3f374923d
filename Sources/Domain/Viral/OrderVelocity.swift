// How fast one SKU is selling now compared with its own recent past, measured from the shop's order
// timestamps (one per unit sold).

/// Sales rates of one SKU over three windows ending at `now` (see ``ViralDetector``).
public struct OrderVelocity: Sendable, Equatable {
    /// Units sold in the recent window.
    public var recentUnits: Int
    /// Units sold in the window of the same length just before it.
    public var previousUnits: Int
    /// Units sold in the baseline window (the hours before the recent window).
    public var baselineUnits: Int
    /// Units per hour in the recent window.
    public var recentRate: Double
    /// Units per hour in the previous window.
    public var previousRate: Double
    /// Units per hour in the baseline window.
    public var baselineRate: Double
    /// `recentRate / max(baselineRate, minimumBaselineRate)`.
    public var multiplier: Double
    /// Window-over-window growth, `(recentRate − previousRate) / max(previousRate, minimumBaselineRate)`:
    /// 0 steady, 1 doubled, negative slowing.
    public var acceleration: Double

    public init(
        recentUnits: Int, previousUnits: Int, baselineUnits: Int, recentRate: Double, previousRate: Double,
        baselineRate: Double, multiplier: Double, acceleration: Double
    ) {
        self.recentUnits = recentUnits
        self.previousUnits = previousUnits
        self.baselineUnits = baselineUnits
        self.recentRate = recentRate
        self.previousRate = previousRate
        self.baselineRate = baselineRate
        self.multiplier = multiplier
        self.acceleration = acceleration
    }
}
