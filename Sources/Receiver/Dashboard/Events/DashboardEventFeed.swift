// LISTEN on the schema's dashboard channel, on a connection and thread of its own, and hand each
// batch of notifications to the hub. PostgreSQL delivers a NOTIFY only after its transaction
// commits. Notifications are handed over in batches gathered for a few milliseconds. When the
// session breaks, notifications sent meanwhile are lost: after reconnecting,
// every client resynchronises from a fresh snapshot. While no client is connected, notifications are
// read and dropped without decoding.

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
    /// How long notifications are gathered after the first of a batch: every client's writer
    /// then wakes once per batch, not once per notification.
    let batchWindow: TimeInterval
    let logger: Logger
    private let stopping = Locked(false)

    init(postgres: PostgresConfiguration, channel: String, hub: DashboardHub, batchWindow: TimeInterval, logger: Logger) {
        self.postgres = postgres
        self.channel = channel
        self.hub = hub
        self.batchWindow = batchWindow
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
        let decoder = JSONDecoder()
        var failures = 0
        while !isStopping {
            do {
                let connection = try PostgresConnection(configuration: postgres, logger: logger)
                try connection.listen(channel)
                if failures > 0 { logger.info("dashboard feed listening again", metadata: ["channel": "\(channel)"]) }
                failures = 0
                hub.resyncAll()
                while !isStopping {
                    var received = try connection.notifications(waitingUpTo: 0.25)
                    guard !received.isEmpty else { continue }
                    let deadline = Date().addingTimeInterval(batchWindow)
                    while case let left = deadline.timeIntervalSinceNow, left > 0 {
                        received += try connection.notifications(waitingUpTo: left)
                    }
                    // Nobody to tell: a client that connects later reads a snapshot taken after these commits.
                    guard hub.clientCount > 0 else { continue }
                    let events = received.compactMap { DashboardEvent(notification: $0.payload, decoder: decoder) }
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
