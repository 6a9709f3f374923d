/// One SKU's recent hourly history, oldest hour first; the last element of every array is the
/// hour that just ended. Negative and non-finite values are stored as 0.
///
/// Content arrays may be empty (a shop without analytics): the planner then works from sales
/// alone. `closingStock` may be empty too; where present, an hour that ended with no stock is
/// treated as censored (its sales say nothing about demand).
public struct HourlyDemandHistory: Sendable, Equatable {
    /// Units sold per hour.
    public var sales: [Double]
    /// Units on hand at the end of each hour, after that hour's sales (aligned to the last hour).
    public var closingStock: [Double]
    /// Views per hour of the SKU's tracked content.
    public var views: [Double]
    /// Engagement rate per hour (informational; the planner does not use it).
    public var engagement: [Double]
    /// Hour-over-hour view acceleration (informational).
    public var acceleration: [Double]
    /// Age of the tracked video in hours (informational).
    public var contentAgeHours: [Double]
    /// Hour of day (0–23) of the last hour in the arrays.
    public var hourOfDayOfLast: Int

    public init(
        sales: [Double], closingStock: [Double] = [], views: [Double] = [], engagement: [Double] = [],
        acceleration: [Double] = [], contentAgeHours: [Double] = [], hourOfDayOfLast: Int
    ) {
        self.sales = sales.map(Self.sanitized)
        self.closingStock = closingStock.map(Self.sanitized)
        self.views = views.map(Self.sanitized)
        self.engagement = engagement.map(Self.sanitized)
        self.acceleration = acceleration.map { $0.isFinite ? $0 : 0 }
        self.contentAgeHours = contentAgeHours.map(Self.sanitized)
        self.hourOfDayOfLast = ((hourOfDayOfLast % 24) + 24) % 24
    }

    /// `value` if it is finite and positive, else 0.
    public static func sanitized(_ value: Double) -> Double {
        value.isFinite && value > 0 ? value : 0
    }
}
