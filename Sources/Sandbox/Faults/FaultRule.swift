// A fault-injection rule (`POST /_sim/faults`). It matches requests by method, path glob and
// carrier, fires with a probability or from the nth matching call on, for `count` times.
//
//   {"kind": "throttle", "method": "POST", "path": "/order/*", "retry_after": 2, "count": 1}
//
// Kinds: `throttle` (429; `Retry-After` only when `retry_after` is set; TikTok paths answer the
// envelope with `code`, default 429), `server_error` (`status`, default 500), `timeout` (holds the
// request `delay_ms`, default 60000, then 504), `latency` (adds `delay_ms`, then answers normally),
// `lost_response` (runs the request, then answers `status`, default 500), `inventory_partial`
// (the SKUs in `sku_ids` fail, default the first), `webhook_bad_signature`, `webhook_duplicate`
// (each webhook sent twice with the same `tts_notification_id`), `webhook_out_of_order` (the
// webhook is held back and sent right after the next one, so an older `update_time` arrives
// after a newer one). Webhook kinds ignore method and path.

import Foundation

/// One fault-injection rule and its counters.
public struct FaultRule: Sendable, Codable, Equatable {
    public var id: String?
    public var kind: String
    public var method: String?
    public var path: String?
    public var carrier: String?
    public var probability: Double?
    public var nth: Int?
    public var count: Int?
    public var status: Int?
    public var retryAfter: Int?
    public var code: Int?
    public var delayMs: Int?
    public var skuIds: [String]?
    /// Matching requests seen so far.
    public var seen: Int?
    /// Times the rule fired.
    public var fired: Int?

    static let kinds: Set<String> = [
        "throttle", "server_error", "timeout", "latency", "lost_response", "inventory_partial",
        "webhook_bad_signature", "webhook_duplicate", "webhook_out_of_order",
    ]

    /// Whether the rule applies to this request (before counting and chance).
    func matches(method: String, path: String, carrier: String?) -> Bool {
        if let wanted = self.method, wanted.uppercased() != method.uppercased() { return false }
        if let glob = self.path, !Glob.matches(glob, path) { return false }
        if let wanted = self.carrier, wanted.lowercased() != carrier?.lowercased() { return false }
        return true
    }

    var isExhausted: Bool { count.map { (fired ?? 0) >= $0 } ?? false }
}

/// `*` matches any run of characters (slashes included), `?` one character.
enum Glob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.utf8)
        let t = Array(text.utf8)
        var pi = 0
        var ti = 0
        var star = -1
        var mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == UInt8(ascii: "?") || p[pi] == t[ti]) {
                pi += 1
                ti += 1
            } else if pi < p.count && p[pi] == UInt8(ascii: "*") {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }
}
