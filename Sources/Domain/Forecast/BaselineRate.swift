/// The SKU's normal demand rate (units/h, daily mean), robust to surges and stock-outs.
///
/// Hours that are censored (ended with no stock) or inside a content surge are left out. The rest
/// are grouped into days counted back from the last hour; each day's rate is its sales over its
/// expected share of the daily profile. Days above `1.5 × median + 3·√(median/24)` (a surge the
/// content did not flag) are dropped and the remaining days pooled.
enum BaselineRate {
    /// A day counts only if its usable hours carry at least this much of the daily profile.
    static let minimumDayWeight = 6.0

    static func estimate(sales: [Double], profileFactors: [Double], excluded: [Bool]) -> Double {
        var daySales: [Double] = []
        var dayWeights: [Double] = []
        var end = sales.count
        while end > 0 {
            let start = max(end - 24, 0)
            var sold = 0.0
            var weight = 0.0
            for index in start..<end where !excluded[index] {
                sold += sales[index]
                weight += profileFactors[index]
            }
            daySales.append(sold)
            dayWeights.append(weight)
            end = start
        }
        let usable = daySales.indices.filter { dayWeights[$0] > minimumDayWeight }
        guard !usable.isEmpty else {
            return max(daySales.reduce(0, +) / max(dayWeights.reduce(0, +), 1e-9), 0)
        }
        let typical = ForecastMath.median(usable.map { daySales[$0] / dayWeights[$0] })
        let limit = typical * 1.5 + 3 * (max(typical, 0.05) / 24).squareRoot()
        let kept = usable.filter { daySales[$0] / dayWeights[$0] <= limit }
        guard !kept.isEmpty else { return max(typical, 0) }
        let sold = kept.map { daySales[$0] }.reduce(0, +)
        let weight = kept.map { dayWeights[$0] }.reduce(0, +)
        return max(sold / max(weight, 1e-9), 0)
    }
}
