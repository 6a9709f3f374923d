// Probes the job queues from one Redis snapshot: how many jobs wait, how old the oldest waiting
// job of each queue is, whether a queue is paused, and how many jobs went to the dead letters
// since the previous probe (from the fleet's cumulative `dead` counter).

import Domain
import Foundation
import Queue

/// The `queues` result (not critical: a backlog slows fulfilment, it does not stop it). The worst
/// of: each queue's oldest-job age (`ProbeLimits.criticalQueueAgeSeconds` for `critical`,
/// `queueAgeSeconds` for the others), the jobs waiting in all queues (`waitingJobs`), dead-letter
/// growth (`deadLetterGrowth`), and `degraded` while any queue is paused. Redis unreachable → `down`.
enum QueueProbe {
    static let name = "queues"
    /// The measurement carrying the fleet's cumulative dead-letter count.
    static let deadTotalKey = "dead_total"

    /// Grades `snapshot`; `previousDeadTotal` is the dead counter the previous probe stored (nil
    /// on the first probe; a lower value, as after a Redis flush, counts as no growth).
    static func report(_ snapshot: FleetSnapshot, previousDeadTotal: Int?, limits: ProbeLimits) -> ProbeReport {
        let waiting = snapshot.queues.reduce(0) { $0 + $1.size }
        let growth = max(0, snapshot.dead - (previousDeadTotal ?? snapshot.dead))
        var statuses = [limits.waitingJobs.status(waiting), limits.deadLetterGrowth.status(growth)]
        var reasons: [String] = []
        if statuses[0] != .healthy { reasons.append("\(waiting) jobs waiting") }
        if statuses[1] != .healthy { reasons.append("\(growth) new dead letters") }
        var queues: [String: JSONValue] = [:]
        for queue in snapshot.queues {
            let limit = queue.name == "critical" ? limits.criticalQueueAgeSeconds : limits.queueAgeSeconds
            let age = limit.status(queue.latencySeconds)
            statuses.append(age)
            if age != .healthy { reasons.append("\(queue.name) oldest job \(Int(queue.latencySeconds)) s old") }
            if queue.paused {
                statuses.append(.degraded)
                reasons.append("\(queue.name) paused")
            }
            queues[queue.name] = .object([
                "size": .number(Double(queue.size)), "in_flight": .number(Double(queue.inFlight)),
                "oldest_age_s": .number((queue.latencySeconds * 10).rounded() / 10), "dead": .number(Double(queue.dead)),
                "retries": .number(Double(queue.retries)), "paused": .bool(queue.paused),
            ])
        }
        let details: [String: JSONValue] = [
            "waiting": .number(Double(waiting)), Self.deadTotalKey: .number(Double(snapshot.dead)),
            "dead_growth": .number(Double(growth)), "queues": .object(queues),
        ]
        let reason = reasons.isEmpty ? nil : reasons.joined(separator: ", ")
        return ProbeReport(name, .worst(statuses), critical: false, reason: reason, details: details)
    }

    /// The report when the snapshot could not be read.
    static func unreachable(_ error: any Error) -> ProbeReport {
        ProbeReport(name, .down, critical: false, reason: "\(error)")
    }
}
