// How a purchase's demand forecast compared with what then sold (the spec's monitoring loop).

/// The realised deviation of a forecast rate from the rate that sold.
public struct ForecastCheck: Sendable, Equatable {
    /// Units per hour that sold since the forecast.
    public var actualRate: Double
    /// `(actual − expected) / expected`: +0.3 sold 30 % more than forecast.
    public var deviation: Double
    /// The deviation is beyond `tolerance` and beyond what Poisson noise explains (two standard
    /// deviations of the expected count), so it is not a slow mover's chance.
    public var exceedsTolerance: Bool

    /// The share of the forecast actual demand may miss it by before it counts: 20 % (S001).
    public static let tolerance = 0.2

    /// Compares `expectedRate` (units/h) with `soldUnits` sold over `hours` hours.
    public static func evaluate(expectedRate: Double, soldUnits: Double, hours: Double) -> ForecastCheck {
        let hours = max(hours, 1e-9)
        let expected = max(expectedRate, 0) * hours
        let sold = max(soldUnits, 0)
        let deviation = expected > 0 ? (sold - expected) / expected : (sold > 0 ? 1 : 0)
        let exceeds = abs(sold - expected) > tolerance * expected + 2 * expected.squareRoot() && (expected > 0 || sold > 2)
        return ForecastCheck(actualRate: sold / hours, deviation: deviation, exceedsTolerance: exceeds)
    }
}
