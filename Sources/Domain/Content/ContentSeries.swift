// The hourly content series of one SKU from its videos' poll snapshots. Between two polls of a
// video the views gained (a decrease, when TikTok revises recent days, counts as 0) are spread
// evenly over the time between the polls and split across the hours that time overlaps; each
// video's views in an hour are divided by the part of the hour its polls covered, so a missed
// poll or a video first seen mid-hour still gives a per-hour rate. Pure: the caller supplies the
// snapshots and the end of the series.

import Foundation

/// Derives ``ContentHour``s from ``VideoSnapshot``s.
public enum ContentSeries {
    /// The `hours` whole hours ending at `end`, oldest first, from `snapshots` of one SKU's videos
    /// (any order; a video tagged with several of the SKU's products must appear once per poll).
    /// Snapshots from the hour before the first one give that hour its acceleration.
    public static func hourly(_ snapshots: [VideoSnapshot], hours: Int, endingAt end: Date) -> [ContentHour] {
        guard hours > 0 else { return [] }
        var buckets = Buckets(count: hours + 1, end: end)
        for readings in Dictionary(grouping: snapshots, by: \.videoId).values {
            buckets.add(video: readings.sorted { $0.polledAt < $1.polledAt })
        }
        return (1...hours).map { index in
            let hourEnd = buckets.start(of: index + 1)
            let rate = buckets.viewsPerHour[index]
            let previous = buckets.viewsPerHour[index - 1]
            let weight = buckets.clickWeight[index]
            return ContentHour(
                start: buckets.start(of: index), end: hourEnd, viewsPerHour: rate,
                acceleration: rate.flatMap { rate in previous.flatMap { $0 > 0 ? (rate - $0) / $0 : nil } },
                clickThroughRate: weight > 0 ? buckets.weightedClicks[index] / weight : nil,
                freshestVideoAgeHours: buckets.freshestPost[index].map { hourEnd.timeIntervalSince($0) / 3600 })
        }
    }

    /// Per-hour sums while the videos are added one by one.
    private struct Buckets {
        let count: Int
        let origin: Date
        var viewsPerHour: [Double?]
        var weightedClicks: [Double]
        var clickWeight: [Double]
        var freshestPost: [Date?]

        init(count: Int, end: Date) {
            self.count = count
            origin = end.addingTimeInterval(-Double(count) * 3600)
            viewsPerHour = Array(repeating: nil, count: count)
            weightedClicks = Array(repeating: 0, count: count)
            clickWeight = Array(repeating: 0, count: count)
            freshestPost = Array(repeating: nil, count: count)
        }

        func start(of index: Int) -> Date { origin.addingTimeInterval(Double(index) * 3600) }

        /// Adds one video's snapshots, sorted by poll time.
        mutating func add(video readings: [VideoSnapshot]) {
            var gained = Array(repeating: 0.0, count: count)
            var covered = Array(repeating: 0.0, count: count)
            for (earlier, later) in zip(readings, readings.dropFirst()) {
                let span = later.polledAt.timeIntervalSince(earlier.polledAt)
                guard span > 0 else { continue }
                let views = Double(max(0, later.views - earlier.views))
                for index in overlapping(earlier.polledAt, later.polledAt) {
                    let from = max(earlier.polledAt, start(of: index))
                    let overlap = min(later.polledAt, start(of: index + 1)).timeIntervalSince(from)
                    guard overlap > 0 else { continue }
                    let share = views * overlap / span
                    gained[index] += share
                    covered[index] += overlap
                    if let rate = later.clickThroughRate {
                        weightedClicks[index] += rate * share
                        clickWeight[index] += share
                    }
                }
            }
            for index in 0..<count where covered[index] > 0 {
                viewsPerHour[index] = (viewsPerHour[index] ?? 0) + gained[index] / covered[index] * 3600
            }
            guard let posted = readings.lazy.compactMap(\.postedAt).first else { return }
            for index in 0..<count where posted <= start(of: index + 1) {
                freshestPost[index] = max(freshestPost[index] ?? posted, posted)
            }
        }

        /// The indices of the hours that `(from, to)` overlaps.
        private func overlapping(_ from: Date, _ to: Date) -> Range<Int> {
            let first = max(0, Int((from.timeIntervalSince(origin) / 3600).rounded(.down)))
            let last = min(count - 1, Int((to.timeIntervalSince(origin) / 3600).rounded(.down)))
            return first <= last ? first..<(last + 1) : 0..<0
        }
    }
}
