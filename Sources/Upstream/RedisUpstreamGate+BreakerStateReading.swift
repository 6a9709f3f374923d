// The fleet gate answers which breakers are open, from the same Redis state it admits calls by.

import Clients

extension RedisUpstreamGate: BreakerStateReading {
    /// The subset of `upstreams` whose breaker is open, by the Redis server's clock.
    public func openUpstreams(among upstreams: [String]) throws -> Set<String> {
        guard !upstreams.isEmpty else { return [] }
        return Set(try monitor.breakerStates(upstreams).filter { $0.state == .open }.map(\.upstream))
    }
}
