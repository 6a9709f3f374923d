// Engagement metrics of one piece of creator content (S001 `ViralDetectionMetrics`).

/// Content metrics for S001's viral score. S001 also lists the creator's follower count, but its
/// formula does not use it, so it is not carried here.
public struct ContentMetrics: Sendable, Equatable {
    /// Views per hour.
    public var viewVelocity: Double
    /// (likes + comments + shares) / views, 0…1.
    public var engagementRate: Double
    /// Hour-over-hour growth of the view velocity, as a fraction (0.5 = +50 %).
    public var velocityAcceleration: Double
    /// Hours since publication.
    public var contentAgeHours: Double

    public init(viewVelocity: Double, engagementRate: Double, velocityAcceleration: Double, contentAgeHours: Double) {
        self.viewVelocity = viewVelocity
        self.engagementRate = engagementRate
        self.velocityAcceleration = velocityAcceleration
        self.contentAgeHours = contentAgeHours
    }
}
