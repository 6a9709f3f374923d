// The outcome of carrier choice: the rate to buy, or why none could be bought.

/// The result of ``CarrierChoice/choose(rates:priority:promisedDeliveryDays:costCeiling:openBreakers:)``.
public enum CarrierDecision: Sendable, Equatable {
    /// Buy this rate.
    case selected(Rate)
    /// Nothing eligible; one rejection per quoted rate (empty when no rate was quoted).
    case noEligibleRate([RateRejection])

    /// The selected rate, if any.
    public var rate: Rate? {
        if case .selected(let rate) = self { return rate }
        return nil
    }
}
