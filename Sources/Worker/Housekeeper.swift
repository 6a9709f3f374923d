// A worker process's housekeeping thread (own PostgreSQL and Redis connections): the webhook
// outbox relay every few seconds and retention pruning of high-volume tables every hour, each
// under a fleet-wide Redis lock so one process does it at a time.

import Dispatch
import Foundation
import Logging
import Queue
import Store

/// Runs the relay and retention pruning until `stop()`.
public final class Housekeeper: Sendable {
    private let relay: OutboxRelay
    private let retention: RetentionPolicy
    private let retentionIntervalSeconds: Double
    private let logger: Logger
    private let makePostgres: @Sendable () throws -> PostgresConnection
    private let makeQueue: @Sendable () throws -> RedisJobQueue
    private let stopping = CancellationFlag()
    private let wake = DispatchSemaphore(value: 0)

    public init(
        relay: OutboxRelay, retention: RetentionPolicy, retentionIntervalSeconds: Double = 3600, logger: Logger,
        makePostgres: @escaping @Sendable () throws -> PostgresConnection,
        makeQueue: @escaping @Sendable () throws -> RedisJobQueue
    ) {
        self.relay = relay
        self.retention = retention
        self.retentionIntervalSeconds = retentionIntervalSeconds
        self.logger = logger
        self.makePostgres = makePostgres
        self.makeQueue = makeQueue
    }

    /// Stops the loop: a pause ends at once, a relay or prune in progress finishes first.
    public func stop() {
        guard !stopping.isCancelled else { return }
        stopping.cancel()
        wake.signal()
    }

    /// Blocks, relaying and pruning, until `stop()`.
    public func runUntilStopped() {
        var postgres: PostgresConnection?
        var queue: RedisJobQueue?
        var nextPrune = Date().addingTimeInterval(Double.random(in: 30...120))
        while !stopping.isCancelled {
            _ = wake.wait(timeout: .now() + relay.settings.intervalSeconds * Double.random(in: 0.8...1.2))
            if stopping.isCancelled { break }
            do {
                if postgres == nil { postgres = try makePostgres() }
                if queue == nil { queue = try makeQueue() }
                let relayed = try relay.relayOnce(postgres: postgres!, queue: queue!, now: Date())
                if relayed > 0 { logger.warning("relayed unprocessed webhook events", metadata: ["events": "\(relayed)"]) }
                if Date() >= nextPrune {
                    nextPrune = Date().addingTimeInterval(retentionIntervalSeconds)
                    if try queue!.tryGlobalLock("retention", seconds: retentionIntervalSeconds * 0.9) {
                        let pruned = try retention.prune(postgres!)
                        logger.info("retention pruning done", metadata: ["rows": "\(pruned.values.reduce(0, +))"])
                    }
                }
            } catch {
                logger.error("housekeeping failed; will retry", metadata: ["error": "\(error)"])
                postgres = nil
                queue = nil
            }
        }
    }
}
