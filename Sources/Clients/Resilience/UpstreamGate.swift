// The hook a client calls around every request to one upstream: rate limiting and circuit
// breaking live behind it so the clients stay unaware of Redis.

/// Identifies a request for rate limiting and circuit breaking.
public struct UpstreamCall: Sendable, Equatable {
    /// The breaker's upstream, e.g. `tiktok`, `easypost:USPS`, `supplier`.
    public var upstream: String
    /// Rate-limit buckets this request counts against, e.g. `tiktok:app:KEY`, `tiktok:shop:ID`.
    public var buckets: [String]

    public init(upstream: String, buckets: [String] = []) {
        self.upstream = upstream
        self.buckets = buckets
    }
}

/// Admits requests to upstreams and learns from their outcomes. Implementations block the
/// calling thread while waiting for a rate-limit slot (clients run on worker threads).
public protocol UpstreamGate {
    /// Waits for permission to send `call`; throws a `ClassifiedError` when it must not go now.
    func admit(_ call: UpstreamCall) throws
    /// Records how the admitted request went: `nil` for success, else the failure.
    func record(_ call: UpstreamCall, failure: (any ClassifiedError)?)
}
