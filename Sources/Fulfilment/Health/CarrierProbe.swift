// Probes the carriers through the circuit breakers the whole fleet shares in Redis: each label
// purchase goes through `easypost:<carrier>`'s breaker, so its state is the fleet's recent
// experience of that carrier without spending an API call.

import Domain
import Queue
import Upstream

/// One `carrier.<name>` result per configured carrier (not critical: labels fall back to another
/// carrier). Breaker closed → `healthy`, half-open (a trial is being let through) → `degraded`,
/// open → `down`.
enum CarrierProbe {
    /// The breaker behind carrier `name`'s label calls.
    static func upstream(carrier name: String) -> String { "easypost:\(name)" }

    static func reports(carriers: [String], breakers: [BreakerStatus]) -> [ProbeReport] {
        let states = Dictionary(breakers.map { ($0.upstream, $0) }, uniquingKeysWith: { first, _ in first })
        return carriers.map { carrier in
            let name = "carrier.\(carrier.lowercased())"
            guard let breaker = states[upstream(carrier: carrier)] else {
                return ProbeReport(name, .healthy, critical: false, details: ["breaker": .string(BreakerState.closed.rawValue)])
            }
            var details: [String: JSONValue] = ["breaker": .string(breaker.state.rawValue)]
            if let openFor = breaker.openFor {
                details["open_for_s"] = .number(openFor.inSeconds.rounded(.down))
            }
            switch breaker.state {
            case .closed: return ProbeReport(name, .healthy, critical: false, details: details)
            case .halfOpen:
                return ProbeReport(name, .degraded, critical: false, reason: "circuit breaker half-open", details: details)
            case .open: return ProbeReport(name, .down, critical: false, reason: "circuit breaker open", details: details)
            }
        }
    }

    /// The reports when the breakers could not be read (Redis unreachable): `degraded`, unknown.
    static func unknown(carriers: [String], error: any Error) -> [ProbeReport] {
        carriers.map { ProbeReport("carrier.\($0.lowercased())", .degraded, critical: false, reason: "breaker unreadable: \(error)") }
    }
}
