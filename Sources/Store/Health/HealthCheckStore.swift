// The `health_checks` table: each probe stores one row per subsystem (status, its points as the
// score, measurements as JSON) and one `overall` row with the fleet's score and status.

import Domain
import Foundation

/// One subsystem's row of a probe: its graded result and the measurements behind it.
public struct HealthCheckRow: Sendable, Equatable {
    public var result: SubsystemResult
    /// The `details` column: JSON object text.
    public var detailsJSON: String

    public init(result: SubsystemResult, detailsJSON: String) {
        self.result = result
        self.detailsJSON = detailsJSON
    }
}

/// Writes probe results and reads what the previous probe measured.
public struct HealthCheckStore {
    /// The subsystem name of the fleet's own row.
    public static let overall = "overall"
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Stores `rows` and the `score` computed from them, all stamped `time`.
    public func record(
        _ rows: [HealthCheckRow], score: HealthScore, thresholds: (warning: Int, critical: Int), at time: Date
    ) throws {
        let subsystems = Dictionary(
            rows.map { ($0.result.name, JSONValue.string($0.result.status.rawValue)) }, uniquingKeysWith: { a, _ in a })
        let overall: [String: JSONValue] = [
            "subsystems": .object(subsystems),
            "thresholds": .object(["warning": .number(Double(thresholds.warning)), "critical": .number(Double(thresholds.critical))]),
        ]
        var values: [[PostgresValue?]] = rows.map {
            [.string($0.result.name), .string($0.result.status.rawValue), .int($0.result.status.points), .json($0.detailsJSON), .date(time)]
        }
        values.append([.string(Self.overall), .string(score.status.rawValue), .int(score.value), .json(overall.jsonText), .date(time)])
        _ = try connection.insert(
            MultiRowInsert(into: "health_checks", columns: ["subsystem", "status", "score", "details", "checked_at"]), rows: values)
    }

    /// The integer measurement `key` in the latest row of `subsystem` that has it (the fleet's
    /// cumulative dead-letter count, for the queue probe).
    public func latestMeasurement(_ key: String, of subsystem: String) throws -> Int? {
        try connection.query(
            """
            SELECT (details->>$2)::bigint AS value FROM health_checks
            WHERE subsystem = $1 AND details ? $2 ORDER BY checked_at DESC, id DESC LIMIT 1
            """, [.string(subsystem), .string(key)]
        ).first.map { try $0["value", as: Int.self] }
    }
}
