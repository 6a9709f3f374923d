// The circuit breaker's thresholds (spec: 5 failures within 60 s → open 60 s → one trial).

/// When a breaker opens, for how long, and how long its half-open trial may take.
public struct BreakerSettings: Sendable, Equatable {
    /// Upstream failures within `window` that open the breaker.
    public var failures: Int
    public var window: Duration
    /// How long the breaker stays open before it lets one trial request through.
    public var openFor: Duration
    /// How long one process holds the half-open trial; after that another may try.
    public var trialLease: Duration

    public init(
        failures: Int = 5, window: Duration = .seconds(60), openFor: Duration = .seconds(60),
        trialLease: Duration = .seconds(30)
    ) {
        self.failures = max(1, failures)
        self.window = window
        self.openFor = openFor
        self.trialLease = trialLease
    }
}
