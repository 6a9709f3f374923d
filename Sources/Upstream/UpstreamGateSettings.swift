// Everything a RedisUpstreamGate is configured with: bucket limits over a rolling window, the
// longest in-call wait for a slot, and the breaker's thresholds.

import Domain

/// How the fleet-wide gate limits and breaks.
public struct UpstreamGateSettings: Sendable, Equatable {
    /// Limits by bucket name prefix; a bucket matching none is not limited.
    public var limits: [BucketLimit]
    /// The rolling window the limits count over.
    public var window: Duration
    /// Added to the window in the admission log, so requests admitted a window apart still arrive a
    /// window apart when their trip to the upstream takes up to this much longer than another's.
    public var margin: Duration
    /// The longest an `admit` waits for slots in total; a longer wait is thrown for the job queue.
    public var maxWait: Duration
    /// `maxWait`'s default: 65 s, above the 60 s window, so a saturated quota is used at its pace
    /// instead of rescheduling jobs in bursts (`rate_limits.max_wait_s`).
    public static let defaultMaxWaitSeconds = 65.0
    public var breaker: BreakerSettings

    public init(
        limits: [BucketLimit] = [], window: Duration = .seconds(60), margin: Duration = .seconds(1),
        maxWait: Duration = .seconds(defaultMaxWaitSeconds), breaker: BreakerSettings = BreakerSettings()
    ) {
        self.limits = limits
        self.window = window
        self.margin = margin
        self.maxWait = maxWait
        self.breaker = breaker
    }

    /// The limit of `bucket`, or `nil` when it is not limited.
    public func limit(for bucket: String) -> Int? {
        limits.first { bucket.hasPrefix($0.prefix) }?.perWindow
    }

    /// The admission log's window in milliseconds (window plus margin).
    var logWindowMilliseconds: Int { (window + margin).milliseconds }
}

extension Duration {
    /// Whole milliseconds, rounded up.
    var milliseconds: Int { Int(inMilliseconds.rounded(.up)) }
}
