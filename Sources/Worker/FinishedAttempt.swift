// A finished attempt on its way to the acker: how to settle it in Redis and, when it ran,
// the row that records it in PostgreSQL.

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

/// Writes job runs to PostgreSQL before their batch is acknowledged in Redis. One per acker
/// thread (it owns its connection).
public protocol RunRecorder {
    func record(_ runs: [JobRun]) throws
}

extension JobRunStore: RunRecorder {}
