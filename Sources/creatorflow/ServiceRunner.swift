// Every long-running command runs its services in one swift-service-lifecycle ServiceGroup:
// SIGTERM/SIGINT start a graceful shutdown (services stop in reverse order), and a service still
// running when the shutdown deadline passes is cancelled.

import Logging
import ServiceLifecycle

enum ServiceRunner {
    /// Runs `services` until they end or a graceful shutdown completes within `shutdownSeconds`.
    static func run(_ services: [any Service], shutdownSeconds: Double, logger: Logger) async throws {
        var configuration = ServiceGroupConfiguration(
            services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) }, logger: logger)
        configuration.gracefulShutdownSignals = [.sigterm, .sigint]
        configuration.maximumGracefulShutdownDuration = .milliseconds(Int64((shutdownSeconds * 1000).rounded(.up)))
        try await ServiceGroup(configuration: configuration).run()
    }
}
