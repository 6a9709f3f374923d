/// The demand picture behind a ``ReplenishmentPlan``.
public struct DemandOutlook: Sendable, Equatable {
    /// Typical demand in units/h, averaged over the day, from uncensored quiet hours.
    public var baselineRate: Double
    /// Expected mean demand in units/h over the next 24 hours (daily profile and surge included).
    public var expectedRate: Double
    /// Estimated current demand as a multiple of the normal rate for this hour (1 when quiet).
    public var surgeMultiplier: Double
    /// The evidence for a surge.
    public var evidence: SurgeEvidence
    /// 0–100: `100 × ln(multiplier) / ln(10)`, clamped (10× or more scores 100). For a
    /// content-only surge the multiplier is the one the views imply.
    public var viralScore: Int

    public init(
        baselineRate: Double, expectedRate: Double, surgeMultiplier: Double, evidence: SurgeEvidence,
        viralScore: Int
    ) {
        self.baselineRate = baselineRate
        self.expectedRate = expectedRate
        self.surgeMultiplier = surgeMultiplier
        self.evidence = evidence
        self.viralScore = viralScore
    }

    /// True when the planner buys for a surge (``SurgeEvidence/confirmed`` or ``SurgeEvidence/salesOnly``).
    public var isViral: Bool { evidence == .confirmed || evidence == .salesOnly }
}
