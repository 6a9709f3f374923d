// The scheduler as a swift-service-lifecycle Service: it stops firing at graceful shutdown.

import Queue
import ServiceLifecycle

extension SchedulerProcess: Service {
    /// Fires ticks until graceful shutdown or cancellation.
    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await withTaskCancellationHandler {
                try await onDedicatedThread(name: "scheduler") { self.runUntilStopped() }
            } onCancel: {
                self.stop()
            }
        } onGracefulShutdown: {
            self.stop()
        }
    }
}
