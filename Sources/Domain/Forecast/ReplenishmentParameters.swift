/// Lead times and tuning knobs of ``ReplenishmentPlanner``. The defaults were tuned on the viral
/// stock-out benchmark (synthetic traces, 200 SKUs × 4 weeks, several generator seeds).
public struct ReplenishmentParameters: Sendable, Equatable {
    /// Standard supplier lead time in hours. Default 72.
    public var standardLeadTimeHours: Int
    /// Express supplier lead time in hours. Default 24.
    public var expressLeadTimeHours: Int
    /// Hours of history used, newest last. Default 168 (a week: seven daily cycles).
    public var historyHours: Int

    /// On-hand cover (hours of baseline demand) kept beyond the standard lead time, for a SKU
    /// selling `coverReferenceRate` units/h. Only stock on hand can absorb the first day of a
    /// viral episode. Default 106.
    public var coverHours: Double
    /// Rate (units/h) at which the cover is exactly `coverHours`. Default 3.
    public var coverReferenceRate: Double
    /// Cover scales as `(baselineRate / coverReferenceRate)^−coverRateExponent`, so slow movers
    /// (cheap to hold in units) keep a few more hours. Default 0.15.
    public var coverRateExponent: Double
    /// Lower bound of the cover in hours. Default 60.
    public var minimumCoverHours: Double
    /// Upper bound of the cover in hours. Default 200.
    public var maximumCoverHours: Double
    /// Safety stock in standard deviations of Poisson lead-time demand. Default 1.
    public var safetyFactor: Double
    /// Baseline rate (units/h) below which the cover is computed as if at this rate. Default 0.05.
    public var minimumBaselineRate: Double

    /// Views at least this multiple of the SKU's usual views for the hour count as a content
    /// surge. Default 2.
    public var viewSurgeRatio: Double
    /// A content surge of view ratio `r` implies demand `r^viewsToDemandExponent` times normal.
    /// Default 0.5 (views surge far more than sales).
    public var viewsToDemandExponent: Double
    /// Cap on the demand multiplier. Default 12.
    public var maximumMultiplier: Double
    /// Hours a view surge stays "current". Default 3.
    public var contentRecencyHours: Int
    /// Most hours content may lead sales. Default 2.
    public var maximumContentLeadHours: Int
    /// Hours of sales weighed against a view surge. Default 48.
    public var confirmationWindowHours: Int
    /// Log-likelihood ratio (views-implied surge vs normal demand, from sales) that confirms a
    /// content surge. Default 3.
    public var confirmationEvidence: Double
    /// Hours of sales for the sales-only surge test. Default 3.
    public var salesSurgeWindowHours: Int
    /// Sales at least this multiple of normal, in `salesSurgeWindowHours`, may be a sales-only
    /// surge. Default 2.5.
    public var salesSurgeRatio: Double
    /// Poisson log-likelihood ratio those sales must reach too. Default 12.
    public var salesSurgeEvidence: Double

    /// Prior time (h) for a surge to decay from its peak back to normal (log-linear). Generous,
    /// because long episodes lose the most units; express is re-planned hourly. Default 60.
    public var priorDecayHours: Double
    /// Weight of the prior decay rate, in hours of observed decay since the peak. Default 6.
    public var priorDecayWeightHours: Double
    /// Hours searched back for the view peak. Default 48.
    public var peakSearchHours: Int
    /// Decay time (h) assumed for a sales-only surge. Default 12.
    public var salesOnlyDecayHours: Double

    /// Hours of demand after an express order lands that it must cover. Default 24.
    public var expressCoverHours: Int
    /// Extra share of the forecast surge excess bought by express. Default 0.3.
    public var expressSurgeSafety: Double
    /// Express safety stock in standard deviations of Poisson demand. Default 1.
    public var expressSafetyFactor: Double

    /// Hours after a view surge during which routine standard orders are held back while sales
    /// have not confirmed it (false alarms then buy almost nothing). Default 12.
    public var holdAfterContentHours: Int
    /// How far (hours of baseline demand) the inventory position may fall below target while
    /// orders are held. Default 48.
    public var holdAllowanceHours: Double

    public init(
        standardLeadTimeHours: Int = 72, expressLeadTimeHours: Int = 24, historyHours: Int = 168,
        coverHours: Double = 106, coverReferenceRate: Double = 3, coverRateExponent: Double = 0.15,
        minimumCoverHours: Double = 60, maximumCoverHours: Double = 200, safetyFactor: Double = 1,
        minimumBaselineRate: Double = 0.05, viewSurgeRatio: Double = 2, viewsToDemandExponent: Double = 0.5,
        maximumMultiplier: Double = 12, contentRecencyHours: Int = 3, maximumContentLeadHours: Int = 2,
        confirmationWindowHours: Int = 48, confirmationEvidence: Double = 3, salesSurgeWindowHours: Int = 3,
        salesSurgeRatio: Double = 2.5, salesSurgeEvidence: Double = 12, priorDecayHours: Double = 60,
        priorDecayWeightHours: Double = 6, peakSearchHours: Int = 48, salesOnlyDecayHours: Double = 12,
        expressCoverHours: Int = 24, expressSurgeSafety: Double = 0.3, expressSafetyFactor: Double = 1,
        holdAfterContentHours: Int = 12, holdAllowanceHours: Double = 48
    ) {
        self.standardLeadTimeHours = standardLeadTimeHours
        self.expressLeadTimeHours = expressLeadTimeHours
        self.historyHours = historyHours
        self.coverHours = coverHours
        self.coverReferenceRate = coverReferenceRate
        self.coverRateExponent = coverRateExponent
        self.minimumCoverHours = minimumCoverHours
        self.maximumCoverHours = maximumCoverHours
        self.safetyFactor = safetyFactor
        self.minimumBaselineRate = minimumBaselineRate
        self.viewSurgeRatio = viewSurgeRatio
        self.viewsToDemandExponent = viewsToDemandExponent
        self.maximumMultiplier = maximumMultiplier
        self.contentRecencyHours = contentRecencyHours
        self.maximumContentLeadHours = maximumContentLeadHours
        self.confirmationWindowHours = confirmationWindowHours
        self.confirmationEvidence = confirmationEvidence
        self.salesSurgeWindowHours = salesSurgeWindowHours
        self.salesSurgeRatio = salesSurgeRatio
        self.salesSurgeEvidence = salesSurgeEvidence
        self.priorDecayHours = priorDecayHours
        self.priorDecayWeightHours = priorDecayWeightHours
        self.peakSearchHours = peakSearchHours
        self.salesOnlyDecayHours = salesOnlyDecayHours
        self.expressCoverHours = expressCoverHours
        self.expressSurgeSafety = expressSurgeSafety
        self.expressSafetyFactor = expressSafetyFactor
        self.holdAfterContentHours = holdAfterContentHours
        self.holdAllowanceHours = holdAllowanceHours
    }
}
