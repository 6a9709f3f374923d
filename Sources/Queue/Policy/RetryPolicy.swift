// How long to wait before retrying a failed job, and how many attempts it gets.
// Default: Sidekiq's `count⁴ + 15 + rand(10)·(count + 1)` seconds with 25 attempts.

import Foundation

/// Backoff and attempt limits for one job kind.
public struct RetryPolicy: Sendable, Equatable, Codable {
    public var maxAttempts: Int
    /// Exponent applied to the retry count (Sidekiq: 4).
    public var exponent: Double
    /// Fixed seconds added to every delay (Sidekiq: 15).
    public var baseSeconds: Double
    /// Jitter: `rand(0..<jitter) · (count + 1)` seconds (Sidekiq: 10).
    public var jitter: Int
    /// Upper bound on one delay, in seconds; nil for none.
    public var capSeconds: Double?

    public init(maxAttempts: Int = 25, exponent: Double = 4, baseSeconds: Double = 15, jitter: Int = 10, capSeconds: Double? = nil) {
        self.maxAttempts = maxAttempts
        self.exponent = exponent
        self.baseSeconds = baseSeconds
        self.jitter = jitter
        self.capSeconds = capSeconds
    }

    /// Sidekiq's defaults.
    public static let sidekiq = RetryPolicy()

    /// Seconds to wait after the attempt numbered `attempt` (1-based) failed.
    /// `random(n)` returns an integer in `0..<n`; inject it for deterministic tests.
    public func delay(afterAttempt attempt: Int, random: (Int) -> Int) -> Double {
        let count = Double(max(attempt - 1, 0))
        let jitterSeconds = jitter > 0 ? Double(random(jitter)) * (count + 1) : 0
        let raw = pow(count, exponent) + baseSeconds + jitterSeconds
        if let capSeconds { return min(raw, capSeconds) }
        return raw
    }
}
