// Viral spike detection per SKU: S001's content viral score as the baseline, plus a velocity signal
// from the shop's own order timestamps, so a spike is seen even without content metrics.

import Foundation

/// Detects demand spikes. Pure: the caller passes the timestamps and `now`.
///
/// Windows, all half-open `(start, end]` and ending at `now`:
/// - **recent**: the last `recentWindow` (default 30 min: a 7× spike on a 3/h SKU is seen 20 minutes
///   in, yet the window holds enough orders that normal noise does not look like one);
/// - **previous**: the `recentWindow` before it (for acceleration);
/// - **baseline**: the `baselineWindow` before the recent window (default 24 h, a whole daily cycle).
///
/// A **spike** is `multiplier ≥ spikeMultiplier` (default 3, the low end of S001's 3×–10× viral
/// range) with at least `minimumRecentUnits` (default 6) units in the recent window, so one or two
/// stray orders on a quiet SKU never count; or content metrics whose S001 multiplier reaches 3.
/// `minimumBaselineRate` (default 0.5 units/h) stands in for a baseline of zero so a brand-new SKU
/// gets a finite multiplier.
///
/// **Order score** (0–100) mirrors S001's formula on order data: `0.7 × velocityScore +
/// 0.3 × accelerationScore`, where `velocityScore = (multiplier − 1) / 9 × 100` (1× → 0, 10× → 100)
/// and `accelerationScore = acceleration × 50` (S001's scaling), each clamped to 0…100. S001's
/// engagement weight (0.3) goes to velocity, since orders have no engagement; no time decay, since
/// the windows are already recent.
public struct ViralDetector: Sendable, Equatable {
    public var recentWindow: TimeInterval
    public var baselineWindow: TimeInterval
    public var minimumBaselineRate: Double
    public var spikeMultiplier: Double
    public var minimumRecentUnits: Int

    public init(
        recentWindow: TimeInterval = 30 * 60, baselineWindow: TimeInterval = 24 * 3600,
        minimumBaselineRate: Double = 0.5, spikeMultiplier: Double = 3, minimumRecentUnits: Int = 6
    ) {
        self.recentWindow = recentWindow
        self.baselineWindow = baselineWindow
        self.minimumBaselineRate = minimumBaselineRate
        self.spikeMultiplier = spikeMultiplier
        self.minimumRecentUnits = minimumRecentUnits
    }

    /// S001 `calculateViralScore`: `(velocity × 0.4 + engagement × 0.3 + acceleration × 0.3)
    /// × timeDecay`, with velocity `min(views/h / 10 000, 100)`, engagement `rate × 100`, acceleration
    /// `min(acceleration × 50, 100)`, decay `max(1 − age/24, 0.1)`. Negative inputs count as 0 and
    /// engagement is capped at 100, so the result is within 0…100.
    public static func contentScore(_ metrics: ContentMetrics) -> Double {
        let velocity = min(nonNegative(metrics.viewVelocity) / 10_000, 100)
        let engagement = min(nonNegative(metrics.engagementRate) * 100, 100)
        let acceleration = min(nonNegative(metrics.velocityAcceleration) * 50, 100)
        let decay = max(1 - nonNegative(metrics.contentAgeHours) / 24, 0.1)
        return (velocity * 0.4 + engagement * 0.3 + acceleration * 0.3) * decay
    }

    /// S001 `predictStockDepletion`'s multiplier, `(score / 10)^1.5`, clamped to 1…10 (S001's viral
    /// demand range tops out at 10×; below 1 would predict a slump from content).
    public static func contentMultiplier(score: Double) -> Double {
        min(max(pow(nonNegative(score) / 10, 1.5), 1), 10)
    }

    /// The windows ending at `now`.
    public func windows(endingAt now: Date) -> SalesWindows {
        let recentStart = now.addingTimeInterval(-recentWindow)
        return SalesWindows(
            recentStart: recentStart, previousStart: recentStart.addingTimeInterval(-recentWindow),
            baselineStart: recentStart.addingTimeInterval(-baselineWindow), now: now)
    }

    /// Sales rates from `unitDates` (one date per unit sold: TikTok line items carry no quantity, so
    /// pass an order's time once per line item of the SKU). Dates after `now` are ignored.
    public func velocity(unitDates: [Date], now: Date) -> OrderVelocity {
        velocity(windows(endingAt: now).count(unitDates))
    }

    /// Sales rates from the units counted in each window.
    public func velocity(_ units: WindowedUnits) -> OrderVelocity {
        let recentHours = recentWindow / 3600
        let recentRate = Double(units.recent) / recentHours
        let previousRate = Double(units.previous) / recentHours
        let baselineRate = Double(units.baseline) / (baselineWindow / 3600)
        return OrderVelocity(
            recentUnits: units.recent, previousUnits: units.previous, baselineUnits: units.baseline,
            recentRate: recentRate, previousRate: previousRate, baselineRate: baselineRate,
            multiplier: recentRate / max(baselineRate, minimumBaselineRate),
            acceleration: (recentRate - previousRate) / max(previousRate, minimumBaselineRate))
    }

    /// The viral signal for one SKU from its unit timestamps and, when known, its content metrics.
    public func detect(unitDates: [Date], now: Date, content: ContentMetrics? = nil) -> ViralSignal {
        detect(windows(endingAt: now).count(unitDates), content: content)
    }

    /// The viral signal for one SKU from the units counted in each window and, when known, its
    /// content metrics.
    public func detect(_ units: WindowedUnits, content: ContentMetrics? = nil) -> ViralSignal {
        let velocity = velocity(units)
        let trusted = velocity.recentUnits >= minimumRecentUnits
        let orderMultiplier = trusted ? velocity.multiplier : 1
        let velocityScore = Self.clamp((orderMultiplier - 1) / 9 * 100)
        let accelerationScore = trusted ? Self.clamp(velocity.acceleration * 50) : 0
        let orderScore = 0.7 * velocityScore + 0.3 * accelerationScore

        let contentScore = content.map(Self.contentScore)
        let contentMultiplier = contentScore.map(Self.contentMultiplier(score:)) ?? 1
        let multiplier = max(1, orderMultiplier, contentMultiplier)
        return ViralSignal(
            velocity: velocity, contentScore: contentScore, recentIsReliable: trusted, multiplier: multiplier,
            isSpike: multiplier >= spikeMultiplier, score: Self.clamp(max(orderScore, contentScore ?? 0)))
    }

    private static func clamp(_ x: Double) -> Double { x.isNaN ? 0 : min(max(x, 0), 100) }
    private static func nonNegative(_ x: Double) -> Double { x.isNaN ? 0 : max(x, 0) }
}
