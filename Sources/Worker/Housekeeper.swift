// A worker process's housekeeping thread (own PostgreSQL and Redis connections): the webhook
// outbox relay every few seconds and retention pruning of high-volume tables every hour, each
// under a fleet-wide Redis lock so one process does it at a time.

import Foundation
import Logging
import Queue
import Store

/// Runs the relay and retention pruning for as long as the process lives.
public final class Housekeeper: Sendable {
    private let relay: OutboxRelay
    private let retention: RetentionPolicy
    private let retentionIntervalSeconds: Double
    private let logger: Logger
    private let makePostgres: @Sendable () throws -> PostgresConnection
    private let makeQueue: @Sendable () throws -> RedisJobQueue

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

    /// Starts the thread.
    public func start() {
        let thread = Thread { self.loop() }
        thread.name = "housekeeper"
        thread.start()
    }

    private func loop() {
        var postgres: PostgresConnection?
        var queue: RedisJobQueue?
        var nextPrune = Date().addingTimeInterval(Double.random(in: 30...120))
        while true {
            Thread.sleep(forTimeInterval: relay.settings.intervalSeconds * Double.random(in: 0.8...1.2))
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
