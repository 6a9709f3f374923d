// Reads the dashboard's event log (migration 14) on a connection and thread of its own, every
// `pollInterval`, and hands each read's events to the hub as one batch. Rows appear only when the
// transaction that wrote them commits; ids skipped by a read are asked for again
// (`DashboardEventCursor`). While no client is connected the feed only keeps its place: a client
// that connects later reads a snapshot taken after those commits. A session lost between reads is
// reopened by the connection and the feed reads on from where it was; after a failed read it
// reconnects and every client resynchronises, to be safe.

import Foundation
import Logging
import Queue
import ServiceLifecycle
import Store

/// The web process's reader of the dashboard events.
final class DashboardEventFeed: Service, Sendable {
    let postgres: PostgresConfiguration
    let hub: DashboardHub
    /// How often the log is read while clients are connected: an event waits half of it on average.
    let pollInterval: TimeInterval
    /// How long an id skipped by a read (its transaction still open) is awaited.
    let gapWait: TimeInterval
    /// Events read at most per query (a fuller read is followed by another at once).
    let readLimit: Int
    let logger: Logger
    private let stopping = Locked(false)

    init(
        postgres: PostgresConfiguration, hub: DashboardHub, pollInterval: TimeInterval, gapWait: TimeInterval,
        readLimit: Int = 2000, logger: Logger
    ) {
        self.postgres = postgres
        self.hub = hub
        self.pollInterval = pollInterval
        self.gapWait = gapWait
        self.readLimit = readLimit
        self.logger = logger
    }

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await withTaskCancellationHandler {
                try await onDedicatedThread(name: "dashboard-feed") { self.readUntilStopped() }
            } onCancel: {
                self.stopping.withLock { $0 = true }
            }
        } onGracefulShutdown: {
            self.stopping.withLock { $0 = true }
        }
    }

    /// What the feed's session reports in `pg_stat_activity` (PostgreSQL keeps its first 63 bytes).
    static func applicationName(schema: String) -> String { "creatorflow-web feed " + schema }

    private var isStopping: Bool { stopping.withLock { $0 } }

    private func readUntilStopped() {
        let decoder = JSONDecoder()
        var cursor: DashboardEventCursor?
        var failures = 0
        while !isStopping {
            do {
                let log = DashboardEventLog(connection: try PostgresConnection(configuration: postgres, logger: logger))
                var current = try cursor ?? DashboardEventCursor(after: log.latestId(), gapWait: gapWait)
                if failures > 0 { logger.info("dashboard feed reading again") }
                failures = 0
                hub.resyncAll()
                while !isStopping {
                    let pause = try read(log, into: &current, decoder: decoder)
                    cursor = current
                    if pause > 0 { Thread.sleep(forTimeInterval: pause) }
                }
            } catch {
                failures += 1
                logger.warning("dashboard feed lost its session", metadata: ["error": "\(error)", "failures": "\(failures)"])
                Thread.sleep(forTimeInterval: min(0.2 * Double(failures), 2))
            }
        }
    }

    /// One read: publishes what committed since the last one; returns how long to wait before the
    /// next (none after a full read, longer while nobody is connected).
    private func read(_ log: DashboardEventLog, into cursor: inout DashboardEventCursor, decoder: JSONDecoder) throws
        -> TimeInterval
    {
        guard hub.clientCount > 0 else {
            cursor.restart(after: try log.latestId())
            return max(pollInterval, 0.1)
        }
        let rows = try log.events(after: cursor.last, orAmong: cursor.awaited, limit: readLimit)
        let fresh = Set(cursor.advance(with: rows.map(\.id), now: Date().timeIntervalSince1970))
        let events = rows.filter { fresh.contains($0.id) }.compactMap { DashboardEvent(payload: $0.payload, decoder: decoder) }
        if !events.isEmpty { hub.publish(events) }
        return rows.count >= readLimit ? 0 : pollInterval
    }
}
