// One poll's reading of one video: TikTok's counts are cumulative over the polled date window,
// so a rate only comes from the difference between two readings of the same video.

import Foundation

/// A video's cumulative counts as one poll of the analytics API saw them.
public struct VideoSnapshot: Sendable, Equatable {
    /// TikTok's video id.
    public var videoId: String
    /// When the poll read the counts.
    public var polledAt: Date
    /// Cumulative views over the polled window (never negative).
    public var views: Int64
    /// Click-through rate, 0…1, when TikTok reported one.
    public var clickThroughRate: Double?
    /// When the video was posted, when known.
    public var postedAt: Date?

    public init(videoId: String, polledAt: Date, views: Int64, clickThroughRate: Double? = nil, postedAt: Date? = nil) {
        self.videoId = videoId
        self.polledAt = polledAt
        self.views = views
        self.clickThroughRate = clickThroughRate
        self.postedAt = postedAt
    }
}
