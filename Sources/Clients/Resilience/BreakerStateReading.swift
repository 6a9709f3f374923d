// A read-only view of circuit breakers, for code that routes around an unhealthy upstream
// (the label handler skips carriers whose breaker is open) instead of waiting for it.

/// Reports which upstreams' circuit breakers are open now.
public protocol BreakerStateReading {
    /// The subset of `upstreams` (breaker names such as `easypost:USPS`) whose breaker is open.
    /// A half-open breaker is not open: its trial request is how it closes again.
    func openUpstreams(among upstreams: [String]) throws -> Set<String>
}
