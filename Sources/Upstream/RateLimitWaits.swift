// How often and how long the fleet waited for one rate-limit bucket.

/// Cumulative rate-limit waits of one bucket across the fleet.
public struct RateLimitWaits: Sendable, Equatable {
    public var count: Int
    public var seconds: Double

    public init(count: Int = 0, seconds: Double = 0) {
        self.count = count
        self.seconds = seconds
    }
}
