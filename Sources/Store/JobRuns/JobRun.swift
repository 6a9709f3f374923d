// One finished attempt of one job, as the worker reports it; the row shape of job_runs.

import Foundation

/// The record of one job attempt; `(jobId, attempt)` identifies it.
public struct JobRun: Sendable, Equatable {
    /// How the attempt ended.
    public enum Outcome: String, Sendable, CaseIterable, PostgresDecodable {
        case success, retry, dead
    }

    public var jobId: String
    /// The attempt number, starting at 1.
    public var attempt: Int
    public var kind: String
    public var queue: String
    public var outcome: Outcome
    public var durationMs: Double
    /// The failure reason, for `retry` and `dead` outcomes.
    public var error: String?
    /// The worker process that ran the attempt.
    public var process: String?
    public var finishedAt: Date
    /// What the job acts on (a TikTok order id for the order steps): the dashboard's order timeline.
    public var correlation: String?

    public init(
        jobId: String, attempt: Int, kind: String, queue: String, outcome: Outcome, durationMs: Double,
        error: String? = nil, process: String? = nil, finishedAt: Date, correlation: String? = nil
    ) {
        self.jobId = jobId
        self.attempt = attempt
        self.kind = kind
        self.queue = queue
        self.outcome = outcome
        self.durationMs = durationMs
        self.error = error
        self.process = process
        self.finishedAt = finishedAt
        self.correlation = correlation
    }
}
