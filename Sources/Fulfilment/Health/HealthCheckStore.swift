// The `health_checks` table: each probe stores one row per subsystem (status, its points as the
// score, measurements as JSON) and one `overall` row with the fleet's score and status.

import Domain
import Foundation
import Queue
import Store

/// Writes probe results and reads what the previous probe measured.
struct HealthCheckStore {
    static let overall = "overall"
    let connection: PostgresConnection

    /// Stores `reports` and the `score` computed from them, all stamped `time`.
    func record(_ reports: [ProbeReport], score: HealthScore, thresholds: (warning: Int, critical: Int), at time: Date) throws {
        let subsystems = Dictionary(
            reports.map { ($0.result.name, JSONValue.string($0.result.status.rawValue)) }, uniquingKeysWith: { a, _ in a })
        let overall: [String: JSONValue] = [
            "subsystems": .object(subsystems),
            "thresholds": .object(["warning": .number(Double(thresholds.warning)), "critical": .number(Double(thresholds.critical))]),
        ]
        var rows: [[PostgresValue?]] = reports.map {
            [.string($0.result.name), .string($0.result.status.rawValue), .int($0.result.status.points), .json($0.detailsJSON), .date(time)]
        }
        rows.append([.string(Self.overall), .string(score.status.rawValue), .int(score.value), .json(overall.jsonText), .date(time)])
        _ = try connection.insert(
            MultiRowInsert(into: "health_checks", columns: ["subsystem", "status", "score", "details", "checked_at"]), rows: rows)
    }

    /// The fleet's cumulative dead-letter count as the latest `queues` row recorded it.
    func previousDeadTotal() throws -> Int? {
        try connection.query(
            """
            SELECT (details->>'dead_total')::bigint AS dead FROM health_checks
            WHERE subsystem = $1 AND details ? 'dead_total' ORDER BY checked_at DESC, id DESC LIMIT 1
            """, [.string(QueueProbe.name)]
        ).first.map { try $0["dead", as: Int.self] }
    }
}
