// LISTEN on the schema's dashboard channel, on a connection and thread of its own, and hand each
// batch of notifications to the hub. PostgreSQL delivers a NOTIFY only after its transaction
// commits. When the session breaks, notifications sent meanwhile are lost: after reconnecting,
// every client resynchronises from a fresh snapshot.

import Foundation
import Logging
import Queue
import ServiceLifecycle
import Store

/// The web process's subscription to the dashboard events.
final class DashboardEventFeed: Service, Sendable {
    let postgres: PostgresConfiguration
    let channel: String
    let hub: DashboardHub
    let logger: Logger
    private let stopping = Locked(false)

    init(postgres: PostgresConfiguration, channel: String, hub: DashboardHub, logger: Logger) {
        self.postgres = postgres
        self.channel = channel
        self.hub = hub
        self.logger = logger
    }

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await withTaskCancellationHandler {
                try await onDedicatedThread(name: "dashboard-feed") { self.listenUntilStopped() }
            } onCancel: {
                self.stopping.withLock { $0 = true }
            }
        } onGracefulShutdown: {
            self.stopping.withLock { $0 = true }
        }
    }

    private var isStopping: Bool { stopping.withLock { $0 } }

    private func listenUntilStopped() {
        var failures = 0
        while !isStopping {
            do {
                let connection = try PostgresConnection(configuration: postgres, logger: logger)
                try connection.listen(channel)
                if failures > 0 { logger.info("dashboard feed listening again", metadata: ["channel": "\(channel)"]) }
                failures = 0
                hub.resyncAll()
                while !isStopping {
                    let events = try connection.notifications(waitingUpTo: 0.25).compactMap {
                        DashboardEvent(notification: $0.payload)
                    }
                    if !events.isEmpty { hub.publish(events) }
                }
            } catch {
                failures += 1
                logger.warning("dashboard feed lost its session", metadata: ["error": "\(error)", "failures": "\(failures)"])
                Thread.sleep(forTimeInterval: min(0.2 * Double(failures), 2))
            }
        }
    }
}
