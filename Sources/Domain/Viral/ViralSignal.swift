// What the viral detector concluded for one SKU: demand multiplier, spike or not, 0–100 score.

/// The output of ``ViralDetector/detect(unitDates:now:content:)``.
public struct ViralSignal: Sendable, Equatable {
    /// The measured sales rates.
    public var velocity: OrderVelocity
    /// S001's content viral score, when content metrics were given.
    public var contentScore: Double?
    /// Demand relative to the baseline, never below 1: the larger of the measured multiplier (only
    /// when the recent window holds enough units to trust it) and S001's content multiplier.
    public var multiplier: Double
    /// The recent window holds at least ``ViralDetector/minimumRecentUnits`` units, so its rate is
    /// trusted for the multiplier and the burn rate.
    public var recentIsReliable: Bool
    /// Demand is at least ``ViralDetector/spikeMultiplier`` times the baseline, by orders or content.
    public var isSpike: Bool
    /// 0–100: the larger of the order score and the content score.
    public var score: Double

    public init(
        velocity: OrderVelocity, contentScore: Double?, recentIsReliable: Bool, multiplier: Double, isSpike: Bool,
        score: Double
    ) {
        self.velocity = velocity
        self.contentScore = contentScore
        self.recentIsReliable = recentIsReliable
        self.multiplier = multiplier
        self.isSpike = isSpike
        self.score = score
    }
}
