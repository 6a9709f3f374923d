// The housekeeper as a swift-service-lifecycle Service: it stops at graceful shutdown, after the
// worker listed after it in the group has drained.

import Queue
import ServiceLifecycle

extension Housekeeper: Service {
    /// Relays and prunes until graceful shutdown or cancellation.
    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await withTaskCancellationHandler {
                try await onDedicatedThread(name: "housekeeper") { self.runUntilStopped() }
            } onCancel: {
                self.stop()
            }
        } onGracefulShutdown: {
            self.stop()
        }
    }
}
