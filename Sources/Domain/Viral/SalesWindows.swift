// The detector's three sales windows as dates, and the units counted in each: what a store counts
// with one aggregate query instead of handing every unit's timestamp to the detector.

import Foundation

/// The bounds of ``ViralDetector``'s windows ending at `now`; every window is half-open `(start, end]`.
public struct SalesWindows: Sendable, Equatable {
    /// The recent window is `(recentStart, now]`.
    public var recentStart: Date
    /// The previous window is `(previousStart, recentStart]`.
    public var previousStart: Date
    /// The baseline window is `(baselineStart, recentStart]`.
    public var baselineStart: Date
    /// The end of the recent window; later dates are not counted.
    public var now: Date

    /// Counts `unitDates` (one date per unit sold) into the windows.
    public func count(_ unitDates: [Date]) -> WindowedUnits {
        var units = WindowedUnits(recent: 0, previous: 0, baseline: 0)
        for date in unitDates where date <= now {
            if date > recentStart {
                units.recent += 1
            } else {
                if date > previousStart { units.previous += 1 }
                if date > baselineStart { units.baseline += 1 }
            }
        }
        return units
    }
}

/// Units sold in each of ``SalesWindows``' windows (previous and baseline overlap).
public struct WindowedUnits: Sendable, Equatable {
    public var recent: Int
    public var previous: Int
    public var baseline: Int

    public init(recent: Int, previous: Int, baseline: Int) {
        self.recent = recent
        self.previous = previous
        self.baseline = baseline
    }
}
