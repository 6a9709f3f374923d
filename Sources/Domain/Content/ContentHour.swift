// One hour of a SKU's content series: how fast its videos gained views, how that changed from the
// hour before, how well they converted to clicks and how fresh the newest one was.

import Foundation

/// The derived content signal of one SKU over one hour `(start, end]`.
public struct ContentHour: Sendable, Equatable {
    public var start: Date
    public var end: Date
    /// Views gained per hour over the part of the hour the polls covered, summed over the SKU's
    /// videos; `nil` when no two polls of any video span part of the hour.
    public var viewsPerHour: Double?
    /// Hour-over-hour growth of ``viewsPerHour`` as a fraction (0.5 = +50 %); `nil` when this or
    /// the previous hour has no rate, or the previous rate is 0.
    public var acceleration: Double?
    /// Click-through rate weighted by each video's views gained in the hour; `nil` without views.
    public var clickThroughRate: Double?
    /// Hours from the newest video's posting to ``end``; `nil` when no video posted by then is known.
    public var freshestVideoAgeHours: Double?

    public init(
        start: Date, end: Date, viewsPerHour: Double?, acceleration: Double?, clickThroughRate: Double?,
        freshestVideoAgeHours: Double?
    ) {
        self.start = start
        self.end = end
        self.viewsPerHour = viewsPerHour
        self.acceleration = acceleration
        self.clickThroughRate = clickThroughRate
        self.freshestVideoAgeHours = freshestVideoAgeHours
    }
}
