// Persists job attempts in batches. Each batch is a multi-row upsert keyed by (job_id, attempt),
// so replaying a batch after a crash or retry overwrites instead of double-counting.

import Foundation

/// Reads and writes `job_runs` through one connection (and so on that connection's thread).
public struct JobRunStore {
    /// The most rows one INSERT statement carries.
    public static let rowsPerStatement = 1000

    private static let upsert = MultiRowInsert(
        into: "job_runs",
        columns: ["job_id", "attempt", "kind", "queue", "outcome", "duration_ms", "error", "process", "finished_at", "correlation"],
        suffix: """
            ON CONFLICT (job_id, attempt) DO UPDATE SET kind = EXCLUDED.kind, queue = EXCLUDED.queue,
            outcome = EXCLUDED.outcome, duration_ms = EXCLUDED.duration_ms, error = EXCLUDED.error,
            process = EXCLUDED.process, finished_at = EXCLUDED.finished_at,
            correlation = EXCLUDED.correlation
            """)

    private let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Upserts `runs` atomically; a run repeated within the batch keeps its last occurrence.
    public func record(_ runs: [JobRun]) throws {
        var positions: [Key: Int] = [:]
        var unique: [JobRun] = []
        unique.reserveCapacity(runs.count)
        for run in runs {
            let key = Key(jobId: run.jobId, attempt: run.attempt)
            if let position = positions[key] {
                unique[position] = run
            } else {
                positions[key] = unique.count
                unique.append(run)
            }
        }
        let rows: [[PostgresValue?]] = unique.map { run in
            [
                .string(run.jobId), .int(run.attempt), .string(run.kind), .string(run.queue),
                .string(run.outcome.rawValue), .double(run.durationMs), run.error.map { .string($0) },
                run.process.map { .string($0) }, .date(run.finishedAt), run.correlation.map { .string($0) },
            ]
        }
        try connection.insert(Self.upsert, rows: rows, rowsPerStatement: Self.rowsPerStatement)
    }

    /// Every recorded attempt of `jobId`, oldest attempt first.
    public func runs(forJob jobId: String) throws -> [JobRun] {
        let rows = try connection.query(
            """
            SELECT job_id, attempt, kind, queue, outcome, duration_ms, error, process, finished_at, correlation
            FROM job_runs WHERE job_id = $1 ORDER BY attempt
            """, [.string(jobId)])
        return try rows.map { row in
            JobRun(
                jobId: try row["job_id", as: String.self], attempt: try row["attempt", as: Int.self],
                kind: try row["kind", as: String.self], queue: try row["queue", as: String.self],
                outcome: try row["outcome", as: JobRun.Outcome.self], durationMs: try row["duration_ms", as: Double.self],
                error: try row["error", as: String?.self], process: try row["process", as: String?.self],
                finishedAt: try row["finished_at", as: Date.self], correlation: try row["correlation", as: String?.self])
        }
    }

    private struct Key: Hashable {
        let jobId: String
        let attempt: Int
    }
}
