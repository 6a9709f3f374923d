// What one health probe saw: the subsystem's graded result, why (when it is not healthy) and the
// measurements behind it, stored as the `health_checks` row's `details`.

import Domain
import Foundation
import Store

/// One subsystem's probe outcome.
public struct ProbeReport: Sendable, Equatable {
    public var result: SubsystemResult
    /// Why the subsystem is not healthy (an error or the measurement over its limit).
    public var reason: String?
    /// Measurements (`latency_ms`, queue depths, breaker state …).
    public var details: [String: JSONValue]

    init(
        _ name: String, _ status: SubsystemStatus, critical: Bool, reason: String? = nil,
        details: [String: JSONValue] = [:]
    ) {
        self.result = SubsystemResult(name: name, status: status, isCritical: critical)
        self.reason = reason.map { String($0.prefix(300)) }
        self.details = details
    }

    /// A probe that timed a round trip of `milliseconds`, graded by `limit`.
    static func timed(
        _ name: String, milliseconds: Double, limit: ProbeLimit<Double>, critical: Bool,
        details: [String: JSONValue] = [:]
    ) -> ProbeReport {
        let status = limit.status(milliseconds)
        var details = details
        details["latency_ms"] = .number((milliseconds * 100).rounded() / 100)
        let reason = status == .healthy ? nil : "answered in \(Int(milliseconds.rounded())) ms"
        return ProbeReport(name, status, critical: critical, reason: reason, details: details)
    }

    /// `tiktok_api down (HTTP 500)`, for alert texts.
    var summary: String {
        "\(result.name) \(result.status.rawValue)" + (reason.map { " (\($0))" } ?? "")
    }

    /// The `health_checks` row: the result, and as `details` the measurements plus `reason`.
    var row: HealthCheckRow {
        var all = details
        if let reason { all["reason"] = .string(reason) }
        return HealthCheckRow(result: result, detailsJSON: all.jsonText)
    }
}

/// Times probes by the monotonic clock (not the injected wall clock: a duration, not a moment).
enum Stopwatch {
    /// Milliseconds `body` took.
    static func milliseconds(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        return (clock.now - start).inMilliseconds
    }
}
