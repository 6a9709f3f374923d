import Foundation

/// Hourly reorder policy for one SKU: a pure function of the SKU's recent history and stock
/// position, so the `reorder` job can recompute it at any moment with no state between runs.
///
/// 1. **Baseline** (``BaselineRate``): normal demand from uncensored hours outside content surges,
///    shaped by the daily cycle (``DailyProfile``, fitted on views when there are any, else sales).
/// 2. **Surge** (``SurgeAssessment``): a view surge is bought for only once sales confirm it, so a
///    content-only false alarm buys nothing extra; sales alone far above normal count too. The
///    forecast multiplier decays log-linearly back to 1.
/// 3. **Express** (dual index): project on-hand hour by hour (lost sales) until an express order
///    would land, then order express up to the forecast demand over `expressCoverHours` after
///    landing, plus safety, if buying for a surge.
/// 4. **Standard**: base stock on the inventory position (on hand + on order + this hour's express)
///    up to normal demand over the standard lead time plus the cover, plus safety; held back by up
///    to `holdAllowanceHours` of demand while a view surge is unconfirmed. One order per hour:
///    an express order replaces the standard one.
public enum ReplenishmentPlanner {
    /// The order to place now for the SKU with `history` and `position`.
    public static func plan(
        history: HourlyDemandHistory, position: StockPosition,
        parameters: ReplenishmentParameters = ReplenishmentParameters()
    ) -> ReplenishmentPlan {
        let window = max(parameters.historyHours, 1)
        let sales = history.sales.suffix(window).map(HourlyDemandHistory.sanitized)
        let count = sales.count
        let lastHour = ((history.hourOfDayOfLast % 24) + 24) % 24
        let censored = censoredHours(
            closingStock: history.closingStock.suffix(count).map(HourlyDemandHistory.sanitized), count: count)
        let views = history.views.suffix(window).map(HourlyDemandHistory.sanitized)
        let position = StockPosition(onHand: position.onHand, onOrder: position.onOrder, arrivals: position.arrivals)

        let profile =
            DailyProfile.fitted(views: views, hourOfDayOfLast: lastHour)
            ?? (count >= DailyProfile.minimumSalesHours
                ? DailyProfile.fitted(sales: sales, censored: censored, hourOfDayOfLast: lastHour) : .flat)
        let hasContent = views.count >= 24
        let factors = (0..<count).map {
            profile.factor(hourOfDay: DailyProfile.hourOfDay(index: $0, count: count, hourOfDayOfLast: lastHour))
        }
        let logViewRatios =
            hasContent ? viewRatios(views: views, profile: profile, count: count, lastHour: lastHour) : []
        let surgeThreshold = log(max(parameters.viewSurgeRatio, 1))
        let recentStart = count - max(parameters.salesSurgeWindowHours, 0)
        let excluded = (0..<count).map {
            censored[$0] || $0 >= recentStart || (hasContent && logViewRatios[$0] > surgeThreshold)
        }

        let baseline = BaselineRate.estimate(sales: sales, profileFactors: factors, excluded: excluded)
        let expected = factors.map { baseline * $0 }
        let surge = SurgeAssessment.assess(
            sales: sales, censored: censored, expectedSales: expected, logViewRatios: logViewRatios,
            parameters: parameters)

        let cover = coverHours(baseline: baseline, parameters: parameters)
        let standardLead = max(parameters.standardLeadTimeHours, 1)
        let expressLead = max(parameters.expressLeadTimeHours, 1)
        let expressCover = max(parameters.expressCoverHours, 0)
        let horizon = max(standardLead + Int(cover.rounded(.up)) + 1, expressLead + expressCover + 1)
        let normal = (1...horizon).map { baseline * profile.factor(hourOfDay: (lastHour + $0) % 24) }
        let forecast = normal.enumerated().map { $0.element * surge.multiplier(afterHours: $0.offset + 1) }
        let arrivals = (0..<horizon).map { $0 < position.arrivals.count ? position.arrivals[$0] : 0 }

        let isViral = surge.evidence == .confirmed || surge.evidence == .salesOnly
        let express = isViral
            ? expressQuantity(
                forecast: forecast, normal: normal, arrivals: arrivals, onHand: position.onHand,
                expressLead: expressLead, expressCover: expressCover, parameters: parameters)
            : 0
        var target = normal.prefix(standardLead + Int(cover.rounded(.toNearestOrEven))).reduce(0, +)
            + parameters.safetyFactor * normal.prefix(standardLead).reduce(0, +).squareRoot()
        if surge.holdsRoutineOrders {
            target -= parameters.holdAllowanceHours * baseline
        }
        let standard = roundedUp(max(target - position.inventoryPosition - Double(express), 0))

        let multiplierNow = surge.multiplier(afterHours: 0)
        let contentMultiplier = exp(surge.contentLogMultiplier)
        let scoreMultiplier = surge.evidence == .contentOnly ? contentMultiplier : multiplierNow
        let score = scoreMultiplier.isFinite ? min(max(100 * log(scoreMultiplier) / log(10), 0), 100) : 0
        let outlook = DemandOutlook(
            baselineRate: baseline,
            expectedRate: forecast.prefix(24).reduce(0, +) / Double(min(24, forecast.count)),
            surgeMultiplier: multiplierNow,
            evidence: surge.evidence,
            viralScore: Int(score.rounded()))
        return express > 0
            ? ReplenishmentPlan(outlook: outlook, quantity: express, express: true)
            : ReplenishmentPlan(outlook: outlook, quantity: standard, express: false)
    }

    /// Hours of cover for a SKU selling `baseline` units/h.
    static func coverHours(baseline: Double, parameters: ReplenishmentParameters) -> Double {
        let rate = max(baseline, parameters.minimumBaselineRate)
        let scaled = parameters.coverHours * pow(rate / parameters.coverReferenceRate, -parameters.coverRateExponent)
        let cover = min(max(scaled, parameters.minimumCoverHours), parameters.maximumCoverHours)
        return cover.isFinite ? max(cover, 0) : 0
    }

    /// Express units: forecast demand over the hours the order covers after landing, plus the
    /// surge safety and Poisson safety, minus the projected stock then (lost sales until it lands)
    /// and what else arrives in those hours.
    private static func expressQuantity(
        forecast: [Double], normal: [Double], arrivals: [Double], onHand: Double, expressLead: Int,
        expressCover: Int, parameters: ReplenishmentParameters
    ) -> Int {
        var projected = onHand
        for hour in 0..<(expressLead - 1) {
            projected = max(projected + arrivals[hour] - forecast[hour], 0)
        }
        let covered = (expressLead - 1)...(expressLead - 1 + expressCover)
        let demand = covered.map { forecast[$0] }.reduce(0, +)
        let excess = covered.map { forecast[$0] - normal[$0] }.reduce(0, +)
        let need =
            demand + parameters.expressSurgeSafety * excess + parameters.expressSafetyFactor * demand.squareRoot()
        let available = projected + covered.map { arrivals[$0] }.reduce(0, +)
        return roundedUp(max(need - available, 0))
    }

    /// Per sales hour (aligned to the last hour): did it end with no stock? Unknown hours are not.
    private static func censoredHours(closingStock: [Double], count: Int) -> [Bool] {
        let known = Array(closingStock.suffix(count))
        let unknown = count - known.count
        return (0..<count).map { $0 >= unknown && known[$0 - unknown] <= 0 }
    }

    /// ln(views / usual views for the hour) per sales hour, aligned to the last hour; 0 where
    /// there are no views.
    private static func viewRatios(views: [Double], profile: DailyProfile, count: Int, lastHour: Int) -> [Double] {
        let offset = count - views.count
        return (0..<count).map { index in
            let viewIndex = index - offset
            guard viewIndex >= 0, viewIndex < views.count else { return 0 }
            let hour = DailyProfile.hourOfDay(index: index, count: count, hourOfDayOfLast: lastHour)
            return log(max(views[viewIndex], DailyProfile.minimumViews)) - profile.expectedLogViews(hourOfDay: hour)
        }
    }

    /// `⌈x⌉` as units, ignoring floating-point noise below a millionth.
    private static func roundedUp(_ value: Double) -> Int {
        guard value.isFinite, value > 0 else { return 0 }
        return Int(((value * 1_000_000).rounded() / 1_000_000).rounded(.up))
    }
}
