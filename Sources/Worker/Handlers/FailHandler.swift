// `fail`: always fails, permanently or retryably, for testing retries and dead letters.

import Jobs
import Queue

struct FailHandler: JobHandler {
    func handle(_ payload: FailJob, context: JobContext) throws {
        throw payload.permanent ? JobFailure.permanent(payload.message) : JobFailure.retryable(payload.message)
    }
}
