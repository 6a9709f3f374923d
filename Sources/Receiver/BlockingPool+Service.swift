// The pool as a swift-service-lifecycle Service: it idles until graceful shutdown, then drains.
// Listed before the HTTP server in the application's services, so it stops after the server has
// answered its last request.

import ServiceLifecycle

extension BlockingPool: Service {
    /// Waits for graceful shutdown (or cancellation), then finishes queued calls and stops the threads.
    public func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }
}
