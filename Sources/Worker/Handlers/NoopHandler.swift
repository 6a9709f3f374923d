// `noop`: does nothing, so benchmarks measure the queue and the worker alone.

import Jobs

struct NoopHandler: JobHandler {
    func handle(_ payload: NoopJob, context: JobContext) throws {}
}
