// Tells running fulfilment handlers that the process is shutting down, so a wait for a rate-limit
// slot ends at once instead of holding the drain.

import ServiceLifecycle
import Worker

/// Sets `stopping` when graceful shutdown begins.
struct DrainNotice: Service {
    let stopping: CancellationFlag

    func run() async throws {
        try? await gracefulShutdown()
        stopping.cancel()
    }
}
