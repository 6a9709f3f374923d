// Calendar days (UTC) as the analytics API names them: `YYYY-MM-DD`, counted here as whole days
// since the Unix epoch so windows are plain integer ranges.

import Foundation

/// A UTC calendar day.
struct SimDay: Sendable, Hashable, Comparable {
    /// Days since 1970-01-01.
    let number: Int64

    init(number: Int64) { self.number = number }

    /// The day holding `date`.
    init(_ date: Date) { number = Int64((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    /// The day written `YYYY-MM-DD`, or `nil` when the text is not exactly such a valid date.
    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            let date = Self.calendar.date(from: DateComponents(year: year, month: month, day: day))
        else { return nil }
        self.init(date)
        guard self.text == text else { return nil }
    }

    /// `YYYY-MM-DD`.
    var text: String {
        let midnight = Date(timeIntervalSince1970: Double(number) * 86_400)
        let parts = Self.calendar.dateComponents([.year, .month, .day], from: midnight)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    static func < (lhs: SimDay, rhs: SimDay) -> Bool { lhs.number < rhs.number }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
