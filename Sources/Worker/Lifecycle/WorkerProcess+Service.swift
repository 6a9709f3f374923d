// The worker as a swift-service-lifecycle Service: graceful shutdown (SIGTERM/SIGINT through the
// ServiceGroup) starts the drain; cancellation, after the group's deadline, does too.

import Queue
import ServiceLifecycle

extension WorkerProcess: Service {
    /// Runs jobs until graceful shutdown, then drains (see ``runUntilDrained()``).
    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await withTaskCancellationHandler {
                try await onDedicatedThread(name: "worker") { try self.runUntilDrained() }
            } onCancel: {
                self.stop()
            }
        } onGracefulShutdown: {
            self.stop()
        }
    }
}
