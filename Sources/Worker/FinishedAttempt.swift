// A finished attempt on its way to the acker: how to settle it in Redis and, when it ran,
// the row that records it in PostgreSQL.

import Foundation
import Queue
import Store

/// One attempt ready for acknowledgement.
struct FinishedAttempt: Sendable {
    var settled: SettledJob
    /// Nil for jobs that did not run (pushed back at shutdown).
    var run: JobRun?

    /// A job pushed back to the head of its queue without running.
    static func requeue(_ job: ClaimedJob) -> FinishedAttempt {
        FinishedAttempt(settled: SettledJob(job: job, kind: "", settlement: .requeue), run: nil)
    }
}

/// Writes job runs to PostgreSQL before their batch is acknowledged in Redis, and archives dead
/// letters that Redis dropped. One per acker thread (it owns its connection).
public protocol RunRecorder {
    func record(_ runs: [JobRun]) throws
    func archive(_ letters: [DeadLetter]) throws
}

/// The PostgreSQL recorder: `job_runs` and `dead_letter_archive`.
public struct PostgresRecorder: RunRecorder {
    private let runs: JobRunStore
    private let archive: DeadLetterArchiveStore

    public init(connection: PostgresConnection) {
        runs = JobRunStore(connection: connection)
        archive = DeadLetterArchiveStore(connection: connection)
    }

    public func record(_ runs: [JobRun]) throws { try self.runs.record(runs) }

    public func archive(_ letters: [DeadLetter]) throws {
        let encoder = JSONEncoder()
        try archive.archive(letters.map { letter in
            ArchivedDeadLetter(
                id: letter.id, queue: letter.queue, kind: letter.kind, error: letter.error, attempts: letter.attempts,
                diedAt: Date(timeIntervalSince1970: letter.diedAt), payload: letter.payload,
                historyJSON: String(decoding: (try? encoder.encode(letter.history)) ?? Data("[]".utf8), as: UTF8.self))
        })
    }
}
