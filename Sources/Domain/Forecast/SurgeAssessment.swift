import Foundation

/// The surge state of one SKU, read from its views and sales (``assess(...)``).
///
/// - **View ratio**: views over the SKU's usual views for that hour of day (``DailyProfile``).
///   A ratio of `r` implies demand `r^viewsToDemandExponent` times normal.
/// - **Confirmation**: over the last `confirmationWindowHours`, the Poisson log-likelihood ratio of
///   the uncensored sales under "demand follows the views" against "demand is normal", allowing
///   content to lead sales by up to `maximumContentLeadHours`. A current view surge with a ratio of
///   at least `confirmationEvidence` is ``SurgeEvidence/confirmed``; below it, ``SurgeEvidence/contentOnly``.
/// - **Sales-only surge**: the last `salesSurgeWindowHours` of sales at least `salesSurgeRatio`
///   times normal with a log-likelihood ratio of at least `salesSurgeEvidence`.
/// - **Multiplier now**: the larger of the views-implied and the sales-measured multiplier.
/// - **Decay** (log-linear back to normal): the views' observed fall since their peak, blended
///   with the prior `priorDecayHours`; a sales-only surge is assumed to fade over `salesOnlyDecayHours`.
struct SurgeAssessment: Sendable, Equatable {
    var evidence: SurgeEvidence
    /// ln(demand multiplier) now; 0 unless buying for a surge.
    var logMultiplier: Double
    /// Fall of ln(multiplier) per hour.
    var decayPerHour: Double
    /// ln(multiplier) the views alone imply now (for the score, even when unconfirmed).
    var contentLogMultiplier: Double
    /// Hold routine standard orders: a recent view surge that sales have not confirmed.
    var holdsRoutineOrders: Bool

    /// Multiplier after `hours` more hours (≥ 1).
    func multiplier(afterHours hours: Int) -> Double {
        exp(max(logMultiplier - decayPerHour * Double(hours), 0))
    }

    /// - Parameters:
    ///   - logViewRatios: ln(views / usual views) per hour, aligned with `sales`; empty without content.
    ///   - expectedSales: normal demand per hour (baseline × daily profile), aligned with `sales`.
    static func assess(
        sales: [Double], censored: [Bool], expectedSales: [Double], logViewRatios: [Double],
        parameters: ReplenishmentParameters
    ) -> SurgeAssessment {
        let count = sales.count
        let hasContent = logViewRatios.count == count && count > 0
        let ratios = hasContent ? logViewRatios : [Double](repeating: 0, count: count)
        let surgeThreshold = log(max(parameters.viewSurgeRatio, 1))
        let elevated = ratios.map { $0 > surgeThreshold }
        let gamma = parameters.viewsToDemandExponent
        let maximumLog = log(max(parameters.maximumMultiplier, 1))
        let viewMultipliers = ratios.map { min(exp(gamma * max($0, 0)), parameters.maximumMultiplier) }

        let evidence = confirmationEvidence(
            sales: sales, censored: censored, expectedSales: expectedSales, viewMultipliers: viewMultipliers,
            parameters: parameters)
        let contentNow = elevated.suffix(max(parameters.contentRecencyHours, 0)).contains(true)
        let confirmed = hasContent && contentNow && evidence >= parameters.confirmationEvidence

        var recentSales = 0.0
        var recentExpected = 0.0
        for index in max(count - max(parameters.salesSurgeWindowHours, 0), 0)..<count where !censored[index] {
            recentSales += sales[index]
            recentExpected += expectedSales[index]
        }
        recentExpected = max(recentExpected, 1e-6)
        let salesEvidence =
            recentSales > recentExpected
            ? recentSales * log(max(recentSales, 1e-9) / recentExpected) - (recentSales - recentExpected) : 0
        let salesSurge =
            recentSales >= parameters.salesSurgeRatio * recentExpected
            && salesEvidence >= parameters.salesSurgeEvidence
        let salesLog = log(max(recentSales / recentExpected, 1))

        let lastTwo = ratios.suffix(2)
        let viewLog = lastTwo.isEmpty ? 0 : gamma * max(lastTwo.reduce(0, +) / Double(lastTwo.count), 0)
        let logNow = min(confirmed ? max(viewLog, salesLog) : salesLog, maximumLog)

        let decay: Double
        if confirmed {
            let peak = viewPeak(ratios: ratios, searchHours: parameters.peakSearchHours)
            let peakLog = gamma * max(peak.value, 0)
            let observed = peak.hoursAgo >= 1 ? max((peakLog - viewLog) / Double(peak.hoursAgo), 0) : 0
            let prior = max(max(peakLog, logNow), 0.1) / parameters.priorDecayHours
            let weight = parameters.priorDecayWeightHours
            decay = (Double(peak.hoursAgo) * observed + weight * prior) / (Double(peak.hoursAgo) + weight)
        } else {
            decay = max(logNow, 0.1) / parameters.salesOnlyDecayHours
        }

        let recentContent = elevated.suffix(max(parameters.holdAfterContentHours, 0)).contains(true)
        let surgeEvidence: SurgeEvidence =
            confirmed ? .confirmed : salesSurge ? .salesOnly : (hasContent && contentNow) ? .contentOnly : .quiet
        return SurgeAssessment(
            evidence: surgeEvidence,
            logMultiplier: confirmed || salesSurge ? logNow : 0,
            decayPerHour: decay,
            contentLogMultiplier: min(viewLog, maximumLog),
            holdsRoutineOrders: recentContent && evidence < parameters.confirmationEvidence && !salesSurge)
    }

    /// Best log-likelihood ratio over content leads 0…`maximumContentLeadHours`, of sales under
    /// "demand = normal × view multiplier" against "demand = normal"; censored hours are skipped.
    private static func confirmationEvidence(
        sales: [Double], censored: [Bool], expectedSales: [Double], viewMultipliers: [Double],
        parameters: ReplenishmentParameters
    ) -> Double {
        let count = sales.count
        let start = max(count - max(parameters.confirmationWindowHours, 0), 0)
        var best = -Double.infinity
        for lead in 0...max(parameters.maximumContentLeadHours, 0) {
            var total = 0.0
            for index in min(max(start, lead), count)..<count where !censored[index] {
                let multiplier = viewMultipliers[index - lead]
                total += sales[index] * log(multiplier) - expectedSales[index] * (multiplier - 1)
            }
            best = max(best, total)
        }
        return best
    }

    /// The highest two-hour mean of `ratios` within the last `searchHours`, and how many hours ago
    /// it was (the earliest one on a tie).
    private static func viewPeak(ratios: [Double], searchHours: Int) -> (value: Double, hoursAgo: Int) {
        let count = ratios.count
        guard count > 0 else { return (0, 0) }
        var bestValue = -Double.infinity
        var bestIndex = count - 1
        for index in max(count - max(searchHours, 1), 0)..<count {
            let smoothed = index > 0 ? (ratios[index] + ratios[index - 1]) / 2 : ratios[index]
            if smoothed > bestValue {
                bestValue = smoothed
                bestIndex = index
            }
        }
        return (bestValue, count - 1 - bestIndex)
    }
}
