// A rate that carrier choice did not pick, with every reason it was ineligible.

/// One ineligible rate and why.
public struct RateRejection: Sendable, Equatable {
    public var rate: Rate
    /// Every reason that applies, in the order checked (breaker, currency, ceiling, delivery).
    public var reasons: [RejectionReason]

    public init(rate: Rate, reasons: [RejectionReason]) {
        self.rate = rate
        self.reasons = reasons
    }
}
