// JobRunStore upserts by (job_id, attempt): replays overwrite instead of adding rows, batches
// larger than one statement land whole, and rows decode back unchanged.

import TestSupport
import Foundation
import Store
import Testing

@Suite struct JobRunStoreTests {
    private let finished = Date(timeIntervalSince1970: 1_714_000_000.5)

    private func run(_ id: String, attempt: Int = 1, outcome: JobRun.Outcome = .success, error: String? = nil) -> JobRun {
        JobRun(
            jobId: id, attempt: attempt, kind: "order.score", queue: "default", outcome: outcome, durationMs: 12.5,
            error: error, process: "worker-1", finishedAt: finished)
    }

    private func count(_ connection: PostgresConnection) throws -> Int {
        try connection.query("SELECT count(*) AS n FROM job_runs")[0]["n", as: Int.self]
    }

    @Test func replayedBatchDoesNotDoubleCount() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let store = JobRunStore(connection: connection)
            let batch = [run("a", attempt: 1, outcome: .retry, error: "timeout"), run("a", attempt: 2), run("b")]
            try store.record(batch)
            try store.record(batch)
            #expect(try count(connection) == 3)
            #expect(try store.runs(forJob: "a") == Array(batch.prefix(2)))
        }
    }

    @Test func replayOverwritesWithTheLatestReport() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let store = JobRunStore(connection: connection)
            try store.record([run("a", outcome: .retry, error: "timeout")])
            try store.record([run("a", outcome: .dead, error: "gave up"), run("a", outcome: .success)])
            #expect(try store.runs(forJob: "a") == [run("a", outcome: .success)])
            #expect(try count(connection) == 1)
        }
    }

    @Test func largeBatchesSpanStatementsAtomically() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let store = JobRunStore(connection: connection)
            let batch = (0..<2_500).map { run("job-\($0)") }
            try store.record(batch)
            try store.record(batch)
            #expect(try count(connection) == 2_500)
            var broken = (0..<1_500).map { run("late-\($0)") }
            broken[1_200].durationMs = -1
            #expect(throws: PostgresError.self) { try store.record(broken) }
            #expect(try count(connection) == 2_500)
        }
    }

    @Test func emptyBatchIsANoOp() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            try JobRunStore(connection: connection).record([])
            #expect(try count(connection) == 0)
        }
    }
}
