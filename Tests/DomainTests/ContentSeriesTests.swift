// ContentSeries: views per hour from cumulative poll snapshots (decreases clamped, gaps and
// partly covered hours normalised), hour-over-hour acceleration, views-weighted click-through
// rate and the freshest video's age.

import Domain
import Foundation
import Testing

@Suite struct ContentSeriesTests {
    let end = Timeline.now

    /// `end` minus `minutes`.
    func at(_ minutes: Double) -> Date { end.addingTimeInterval(-minutes * 60) }

    /// Snapshots of `video` every `every` minutes from `from` to `to` minutes ago, gaining `perPoll` views each.
    func polls(
        _ video: String, from: Double, to: Double = 0, every: Double = 5, startViews: Int64 = 0, perPoll: Int64,
        clickThroughRate: Double? = nil, postedMinutesAgo: Double? = nil
    ) -> [VideoSnapshot] {
        stride(from: from, through: to, by: -every).enumerated().map { step, minutes in
            VideoSnapshot(
                videoId: video, polledAt: at(minutes), views: startViews + Int64(step) * perPoll,
                clickThroughRate: clickThroughRate, postedAt: postedMinutesAgo.map(at))
        }
    }

    func near(_ value: Double?, _ expected: Double) -> Bool { value.map { abs($0 - expected) < 1e-6 } ?? false }

    @Test func steadyPollsGiveTheirRatePerHourAndNoAcceleration() {
        let series = ContentSeries.hourly(polls("v1", from: 240, perPoll: 100), hours: 3, endingAt: end)
        #expect(series.count == 3)
        #expect(series.map(\.start) == [at(180), at(120), at(60)])
        #expect(series.last?.end == end)
        #expect(series.allSatisfy { near($0.viewsPerHour, 1200) })
        #expect(series.allSatisfy { near($0.acceleration, 0) })
    }

    @Test func decreasingCountsCountAsNoViews() {
        // 1000 → 400 (TikTok revised the window) → 450: the hour gained 50, not −550.
        let snapshots = [
            VideoSnapshot(videoId: "v1", polledAt: at(60), views: 1000),
            VideoSnapshot(videoId: "v1", polledAt: at(30), views: 400),
            VideoSnapshot(videoId: "v1", polledAt: at(0), views: 450),
        ]
        let hour = ContentSeries.hourly(snapshots, hours: 1, endingAt: end)[0]
        #expect(near(hour.viewsPerHour, 50))
    }

    @Test func aPartlyCoveredHourIsNormalisedToAnHour() {
        // Polls only in the last 20 minutes of the hour: 200 views in 20 minutes = 600 per hour.
        let hour = ContentSeries.hourly(polls("v1", from: 20, perPoll: 50), hours: 1, endingAt: end)[0]
        #expect(near(hour.viewsPerHour, 600))
    }

    @Test func aMissedPollIsSpreadOverTheGapAndAcrossTheHourBoundary() {
        // One interval of 40 minutes straddles the boundary 60 minutes ago: 3/4 of it before.
        let snapshots = [
            VideoSnapshot(videoId: "v1", polledAt: at(90), views: 0),
            VideoSnapshot(videoId: "v1", polledAt: at(50), views: 800),
        ]
        let series = ContentSeries.hourly(snapshots, hours: 2, endingAt: end)
        #expect(near(series[0].viewsPerHour, 1200), "600 views over the 30 covered minutes")
        #expect(near(series[1].viewsPerHour, 1200), "200 views over the 10 covered minutes")
    }

    @Test func videosAreSummedAndClickThroughIsViewsWeighted() {
        let snapshots =
            polls("v1", from: 60, perPoll: 300, clickThroughRate: 0.02)
            + polls("v2", from: 60, perPoll: 100, clickThroughRate: 0.06)
        let hour = ContentSeries.hourly(snapshots.shuffled(), hours: 1, endingAt: end)[0]
        #expect(near(hour.viewsPerHour, 4800))
        #expect(near(hour.clickThroughRate, (0.02 * 3 + 0.06 * 1) / 4))
    }

    @Test func accelerationIsHourOverHourGrowth() {
        let snapshots = polls("v1", from: 120, to: 60, perPoll: 50) + polls("v1", from: 55, startViews: 700, perPoll: 100)
        let series = ContentSeries.hourly(snapshots, hours: 2, endingAt: end)
        #expect(near(series[0].viewsPerHour, 600))
        #expect(near(series[1].viewsPerHour, 1200))
        #expect(near(series[1].acceleration, 1))
    }

    @Test func hoursWithoutPollsOrAfterAQuietHourHaveNoRateOrAcceleration() {
        let quietThenBusy =
            polls("v1", from: 120, to: 60, perPoll: 0) + polls("v1", from: 55, startViews: 0, perPoll: 10)
        let series = ContentSeries.hourly(quietThenBusy, hours: 3, endingAt: end)
        #expect(series[0].viewsPerHour == nil && series[0].acceleration == nil && series[0].clickThroughRate == nil)
        #expect(series[1].viewsPerHour == 0 && series[1].acceleration == nil)
        #expect(series[2].acceleration == nil, "growth from zero has no finite fraction")
        #expect(ContentSeries.hourly([], hours: 2, endingAt: end).allSatisfy { $0.viewsPerHour == nil })
        #expect(ContentSeries.hourly(quietThenBusy, hours: 0, endingAt: end).isEmpty)
    }

    @Test func aSingleSnapshotOrARepeatedPollGivesNoRate() {
        let once = [VideoSnapshot(videoId: "v1", polledAt: at(10), views: 500)]
        #expect(ContentSeries.hourly(once + once, hours: 1, endingAt: end)[0].viewsPerHour == nil)
    }

    @Test func freshestVideoAgeIsTakenAtEachHoursEnd() {
        let snapshots =
            polls("old", from: 120, perPoll: 10, postedMinutesAgo: 600)
            + polls("new", from: 30, perPoll: 10, postedMinutesAgo: 90)
            + polls("unknown", from: 30, perPoll: 10)
        let series = ContentSeries.hourly(snapshots, hours: 2, endingAt: end)
        #expect(near(series[0].freshestVideoAgeHours, 0.5), "posted 90 minutes ago, the hour ended 60 minutes ago")
        #expect(near(series[1].freshestVideoAgeHours, 1.5))
        let justPosted = polls("new", from: 30, perPoll: 10, postedMinutesAgo: 30)
        let beforeAnyPost = ContentSeries.hourly(justPosted, hours: 2, endingAt: end)
        #expect(beforeAnyPost[0].freshestVideoAgeHours == nil)
    }
}
