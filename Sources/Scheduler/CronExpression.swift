// Five-field cron expressions (minute hour day-of-month month day-of-week) in UTC, with `*`,
// `*/n`, `a-b`, `a-b/n` and lists. Day-of-month and day-of-week combine as in Vixie cron.

import Foundation

/// A parsed cron expression.
public struct CronExpression: Sendable, Equatable {
    let minutes: Set<Int>
    let hours: Set<Int>
    let days: Set<Int>
    let months: Set<Int>
    let weekdays: Set<Int>
    let dayRestricted: Bool
    let weekdayRestricted: Bool

    /// Parses `text`; the error names the field that is wrong.
    public init(_ text: String) throws {
        let fields = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard fields.count == 5 else { throw ScheduleError("cron '\(text)' needs 5 fields (minute hour day month weekday)") }
        minutes = try Self.field(fields[0], 0...59, "minute")
        hours = try Self.field(fields[1], 0...23, "hour")
        days = try Self.field(fields[2], 1...31, "day-of-month")
        months = try Self.field(fields[3], 1...12, "month")
        weekdays = Set(try Self.field(fields[4], 0...7, "day-of-week").map { $0 % 7 })
        dayRestricted = fields[2] != "*"
        weekdayRestricted = fields[4] != "*"
    }

    private static func field(_ text: String, _ range: ClosedRange<Int>, _ name: String) throws -> Set<Int> {
        var values = Set<Int>()
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "/", maxSplits: 1)
            let step = pieces.count == 2 ? Int(pieces[1]) : 1
            guard let step, step > 0 else { throw ScheduleError("cron \(name) '\(text)' has a bad step") }
            let span: ClosedRange<Int>
            if pieces[0] == "*" {
                span = range
            } else if let dash = pieces[0].firstIndex(of: "-") {
                guard let low = Int(pieces[0][..<dash]), let high = Int(pieces[0][pieces[0].index(after: dash)...]), low <= high
                else { throw ScheduleError("cron \(name) '\(text)' has a bad range") }
                span = low...high
            } else {
                guard let value = Int(pieces[0]) else { throw ScheduleError("cron \(name) '\(text)' is not a number") }
                span = value...(pieces.count == 2 ? range.upperBound : value)
            }
            guard range.contains(span.lowerBound), range.contains(span.upperBound) else {
                throw ScheduleError("cron \(name) '\(text)' is outside \(range.lowerBound)-\(range.upperBound)")
            }
            values.formUnion(stride(from: span.lowerBound, through: span.upperBound, by: step))
        }
        return values
    }

    /// Whether the minute starting at `date` (UTC) matches.
    public func matches(_ date: Date) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.minute, .hour, .day, .month, .weekday], from: date)
        guard minutes.contains(c.minute!), hours.contains(c.hour!), months.contains(c.month!) else { return false }
        let dayOK = days.contains(c.day!)
        let weekdayOK = weekdays.contains(c.weekday! - 1)
        if dayRestricted && weekdayRestricted { return dayOK || weekdayOK }
        return dayOK && weekdayOK
    }

    /// The latest matching minute at or before `date`, searching back up to `limitDays`.
    public func latest(atOrBefore date: Date, limitDays: Int = 366) -> Date? {
        var minute = Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.down) * 60)
        let floor = minute.addingTimeInterval(-Double(limitDays) * 86_400)
        while minute >= floor {
            if matches(minute) { return minute }
            minute = minute.addingTimeInterval(-60)
        }
        return nil
    }
}

/// A schedule that cannot be used; the message says why.
public struct ScheduleError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
