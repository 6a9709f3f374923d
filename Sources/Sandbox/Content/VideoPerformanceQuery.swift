// The query of Get Shop Videos Performance, checked as TikTok checks it: a date window
// (`start_date_ge` inclusive, `end_date_lt` exclusive, YYYY-MM-DD), `page_size` 1…100, an opaque
// `page_token`, `sort_field` gmv, `sort_order` ASC/DESC, `currency` USD/LOCAL and `account_type`.

/// A validated analytics video query.
struct VideoPerformanceQuery: Sendable {
    var window: Range<SimDay>
    var pageSize: Int
    /// The index of the first video of the page.
    var offset: Int
    var ascending: Bool
    /// `nil` for `ALL`.
    var accountType: String?

    static let accountTypes: Set<String> = ["ALL", "AFFILIATES", "LINKED_ACCOUNTS"]

    /// The query from the request's parameters, or the message of TikTok's 36009004 error.
    static func parse(_ query: [String: String]) -> Result<VideoPerformanceQuery, VideoPerformanceQueryError> {
        guard let start = query["start_date_ge"].flatMap(SimDay.init) else { return .failure("param start_date_ge is invalid") }
        guard let end = query["end_date_lt"].flatMap(SimDay.init), end > start else {
            return .failure("param end_date_lt is invalid")
        }
        let pageSize = query["page_size"].map { Int($0) ?? 0 } ?? 10
        guard (1...100).contains(pageSize) else { return .failure("param page_size must be between 1 and 100") }
        let offset = query["page_token"].map { $0.isEmpty ? 0 : (Int($0) ?? -1) } ?? 0
        guard offset >= 0 else { return .failure("param page_token is invalid") }
        guard (query["sort_field"] ?? "gmv") == "gmv" else { return .failure("param sort_field is invalid") }
        let order = query["sort_order"] ?? "DESC"
        guard order == "ASC" || order == "DESC" else { return .failure("param sort_order is invalid") }
        guard ["USD", "LOCAL"].contains(query["currency"] ?? "LOCAL") else { return .failure("param currency is invalid") }
        let account = query["account_type"] ?? "ALL"
        guard accountTypes.contains(account) else { return .failure("param account_type is invalid") }
        return .success(
            VideoPerformanceQuery(
                window: start..<end, pageSize: pageSize, offset: offset, ascending: order == "ASC",
                accountType: account == "ALL" ? nil : account))
    }
}

/// Why a video performance query is refused.
struct VideoPerformanceQueryError: Error, Sendable, ExpressibleByStringLiteral {
    let message: String
    init(stringLiteral message: String) { self.message = message }
}
