import Foundation

/// A SKU's daily cycle as a first harmonic in log space, `exp(c·cos ωh + s·sin ωh)` with
/// `ω = 2π/24`, normalised to a mean of 1 over the day. Fitted on views when the shop has them
/// (hundreds of views an hour pin the cycle down), else on sales.
struct DailyProfile: Sendable, Equatable {
    var cosine: Double
    var sine: Double
    /// Mean log views per hour over the day (0 for a profile fitted on sales).
    var logLevel: Double
    private var normaliser: Double

    static let flat = DailyProfile(cosine: 0, sine: 0, logLevel: 0)
    static let angularFrequency = 2 * Double.pi / 24

    init(cosine: Double, sine: Double, logLevel: Double) {
        self.cosine = cosine
        self.sine = sine
        self.logLevel = logLevel
        normaliser = 1
        normaliser = (0..<24).map { exp(harmonic(hourOfDay: $0)) }.reduce(0, +) / 24
    }

    /// Demand (or views) at `hourOfDay` relative to the daily mean.
    func factor(hourOfDay: Int) -> Double {
        exp(harmonic(hourOfDay: hourOfDay)) / normaliser
    }

    /// Expected log views at `hourOfDay` (for a profile fitted on views).
    func expectedLogViews(hourOfDay: Int) -> Double {
        logLevel + harmonic(hourOfDay: hourOfDay)
    }

    private func harmonic(hourOfDay: Int) -> Double {
        let angle = Self.angularFrequency * Double(hourOfDay)
        return cosine * cos(angle) + sine * sin(angle)
    }

    /// Hour of day of element `index` of an array of `count` hours whose last hour is `hourOfDayOfLast`.
    static func hourOfDay(index: Int, count: Int, hourOfDayOfLast: Int) -> Int {
        ((hourOfDayOfLast - (count - 1 - index)) % 24 + 24) % 24
    }

    /// Fit on log views: the median of each hour of day (robust to a surge covering a few days),
    /// then the first harmonic of those 24 medians. Nil with less than a day of views.
    static func fitted(views: [Double], hourOfDayOfLast: Int) -> DailyProfile? {
        guard views.count >= 24 else { return nil }
        var byHour = [[Double]](repeating: [], count: 24)
        for (index, value) in views.enumerated() {
            let hour = hourOfDay(index: index, count: views.count, hourOfDayOfLast: hourOfDayOfLast)
            byHour[hour].append(log(max(value, minimumViews)))
        }
        let medians = byHour.map(ForecastMath.median)
        var cosine = 0.0
        var sine = 0.0
        for (hour, value) in medians.enumerated() {
            let angle = angularFrequency * Double(hour)
            cosine += value * cos(angle)
            sine += value * sin(angle)
        }
        return DailyProfile(
            cosine: 2 * cosine / 24, sine: 2 * sine / 24, logLevel: medians.reduce(0, +) / 24)
    }

    /// Fit on sales of uncensored hours, amplitude capped at `maximumAmplitude` (Poisson noise
    /// on a slow mover can fake a strong cycle).
    static func fitted(
        sales: [Double], censored: [Bool], hourOfDayOfLast: Int, maximumAmplitude: Double = 0.6
    ) -> DailyProfile {
        var total = 0.0
        var cosine = 0.0
        var sine = 0.0
        for (index, value) in sales.enumerated() where !censored[index] {
            let angle = angularFrequency
                * Double(hourOfDay(index: index, count: sales.count, hourOfDayOfLast: hourOfDayOfLast))
            total += value
            cosine += value * cos(angle)
            sine += value * sin(angle)
        }
        total = max(total, 1e-9)
        cosine = 2 * cosine / total
        sine = 2 * sine / total
        let shrink = min(1, maximumAmplitude / max((cosine * cosine + sine * sine).squareRoot(), 1e-9))
        return DailyProfile(cosine: cosine * shrink, sine: sine * shrink, logLevel: 0)
    }

    /// Hours of sales a cycle is fitted on at least (three days); with fewer, a spike in the only
    /// day would read as its hours' usual demand, so the profile is flat.
    static let minimumSalesHours = 72

    /// Views below this count as this, so a silent hour has a finite logarithm.
    static let minimumViews = 1e-6
}
