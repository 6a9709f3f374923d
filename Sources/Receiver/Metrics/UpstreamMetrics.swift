// The fleet's rate-limit waits and circuit breakers as Prometheus text, read at scrape time from
// what every process's gate keeps in Redis. Counters are the fleet-wide totals Redis holds.

import Queue
import Upstream

/// `creatorflow_rate_limit_waits_total`, `creatorflow_rate_limit_wait_seconds_total` and
/// `creatorflow_breaker_state` for one scrape.
struct UpstreamMetrics {
    let breakers: [BreakerStatus]
    let waits: [String: RateLimitWaits]

    /// Reads every known breaker and the waits per bucket.
    init(monitor: UpstreamMonitor) throws {
        breakers = try monitor.breakerStates()
        waits = try monitor.waits()
    }

    var text: String {
        var text = ""
        let buckets = waits.keys.sorted()
        if !buckets.isEmpty {
            text += "# HELP creatorflow_rate_limit_waits_total Waits for a rate-limit slot across the fleet, by bucket\n"
            text += "# TYPE creatorflow_rate_limit_waits_total counter\n"
            for bucket in buckets {
                text += "creatorflow_rate_limit_waits_total{bucket=\"\(Self.escape(bucket))\"} \(waits[bucket]!.count)\n"
            }
            text += "# HELP creatorflow_rate_limit_wait_seconds_total Time spent waiting for rate-limit slots, by bucket\n"
            text += "# TYPE creatorflow_rate_limit_wait_seconds_total counter\n"
            for bucket in buckets {
                text += "creatorflow_rate_limit_wait_seconds_total{bucket=\"\(Self.escape(bucket))\"} \(waits[bucket]!.seconds)\n"
            }
        }
        if !breakers.isEmpty {
            text += "# HELP creatorflow_breaker_state Circuit breaker per upstream: 0 closed, 1 half-open, 2 open\n"
            text += "# TYPE creatorflow_breaker_state gauge\n"
            for breaker in breakers {
                text += "creatorflow_breaker_state{upstream=\"\(Self.escape(breaker.upstream))\"} \(breaker.state.gaugeValue)\n"
            }
        }
        return text
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
