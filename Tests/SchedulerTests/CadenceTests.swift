import Foundation
import Scheduler
import Testing

@Suite struct CadenceTests {
    @Test func intervalTicksAlignToTheEpoch() throws {
        let cadence = try Cadence(parsing: "every 30s")
        #expect(cadence == .every(seconds: 30))
        #expect(cadence.currentTick(at: Date(timeIntervalSince1970: 1_000_000_019)) == Date(timeIntervalSince1970: 999_999_990))
        #expect(try Cadence(parsing: "every 5m") == .every(seconds: 300))
    }

    @Test func cronFindsTheLatestMatchingMinute() throws {
        let cadence = try Cadence(parsing: "*/15 * * * *")
        // 2026-11-22T01:22:41Z → 01:15
        let now = Date(timeIntervalSince1970: 1_795_310_561)
        let tick = try #require(cadence.currentTick(at: now))
        #expect(Int(tick.timeIntervalSince1970) % 900 == 0)
        #expect(now.timeIntervalSince(tick) < 900)
        let daily = try CronExpression("30 2 * * 1-5")
        let monday0230 = Date(timeIntervalSince1970: 1_795_487_400) // 2026-11-24 is a Tuesday; 02:30Z
        #expect(daily.matches(monday0230))
        #expect(!daily.matches(monday0230.addingTimeInterval(60)))
    }

    @Test func badSchedulesSayWhatIsWrong() {
        #expect(throws: ScheduleError("'every soon': expected 'every <number><s|m|h|d>'")) { try Cadence(parsing: "every soon") }
        #expect(throws: ScheduleError.self) { try CronExpression("61 * * * *") }
        #expect(throws: ScheduleError("cron '* * *' needs 5 fields (minute hour day month weekday)")) { try CronExpression("* * *") }
    }

    @Test func jobIdIsTheSameInEveryScheduler() {
        let schedule = Schedule(name: "health-probe", kind: "health-probe", queue: "critical", cadence: .every(seconds: 30))
        #expect(schedule.jobID(tick: Date(timeIntervalSince1970: 1_000)) == "sched-health-probe-1000000")
    }
}
