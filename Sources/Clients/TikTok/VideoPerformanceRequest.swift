// What a Get Shop Videos Performance request asks for: a window of whole UTC days (start
// inclusive, end exclusive), whose accounts' videos, and the order of the pages.

import Foundation

/// The window and filters of `GET /analytics/202409/shop_videos/performance`.
public struct VideoPerformanceRequest: Sendable, Equatable {
    /// Whose videos: every one, affiliates' or the shop's linked accounts'.
    public enum AccountType: String, Sendable {
        case all = "ALL"
        case affiliates = "AFFILIATES"
        case linkedAccounts = "LINKED_ACCOUNTS"
    }

    /// The first day, `YYYY-MM-DD` (inclusive).
    public var startDate: String
    /// The day after the last, `YYYY-MM-DD` (exclusive).
    public var endDate: String
    public var accountType: AccountType
    /// Highest GMV first when `true`.
    public var descending: Bool
    /// `LOCAL` (the shop's currency) or an ISO code.
    public var currency: String

    public init(
        startDate: String, endDate: String, accountType: AccountType = .all, descending: Bool = true,
        currency: String = "LOCAL"
    ) {
        self.startDate = startDate
        self.endDate = endDate
        self.accountType = accountType
        self.descending = descending
        self.currency = currency
    }

    /// The `days` UTC days up to and including the day of `now`. Polls with the same window give
    /// comparable cumulative counts until the day changes.
    public static func lastDays(_ days: Int, endingAt now: Date, accountType: AccountType = .all) -> VideoPerformanceRequest {
        let today = (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
        return VideoPerformanceRequest(
            startDate: day(today - Double(max(1, days) - 1) * 86_400), endDate: day(today + 86_400), accountType: accountType)
    }

    /// The query parameters, without paging.
    var query: [(String, String)] {
        [
            ("start_date_ge", startDate), ("end_date_lt", endDate), ("sort_field", "gmv"),
            ("sort_order", descending ? "DESC" : "ASC"), ("currency", currency), ("account_type", accountType.rawValue),
        ]
    }

    private static func day(_ seconds: Double) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: seconds))
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
