// A circuit breaker's state as every process sees it, derived from the one "open until" time
// kept in Redis: absent → closed, in the future → open, in the past → half-open.

/// The state of one upstream's circuit breaker.
public enum BreakerState: String, Sendable, Equatable, CaseIterable {
    case closed
    case halfOpen = "half_open"
    case open

    /// The state for an "open until" time (ms) read at `nowMilliseconds`, both by the server clock.
    public init(openUntilMilliseconds: Double?, nowMilliseconds: Double) {
        guard let until = openUntilMilliseconds else {
            self = .closed
            return
        }
        self = nowMilliseconds < until ? .open : .halfOpen
    }

    /// The Prometheus gauge value: 0 closed, 1 half-open, 2 open.
    public var gaugeValue: Int {
        switch self {
        case .closed: return 0
        case .halfOpen: return 1
        case .open: return 2
        }
    }
}

/// One upstream's breaker, for the label handler, the health probe and `/metrics`.
public struct BreakerStatus: Sendable, Equatable {
    public var upstream: String
    public var state: BreakerState
    /// How long it stays open, while it is open.
    public var openFor: Duration?

    public init(upstream: String, state: BreakerState, openFor: Duration? = nil) {
        self.upstream = upstream
        self.state = state
        self.openFor = openFor
    }
}
