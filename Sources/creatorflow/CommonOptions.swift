// Options every command shares, and the one place the binary reads config and environment.

import ArgumentParser
import Config
import Foundation
import Logging
import Queue
import Redis
import Store

struct CommonOptions: ParsableArguments {
    @Option(help: "Config file (defaults, per-kind policies); CF_* environment variables override it.")
    var config: String = ProcessInfo.processInfo.environment["CF_CONFIG"] ?? "config/creatorflow.yaml"

    /// Loads config, or exits with a message naming the bad key.
    func load() throws -> FleetConfig {
        do {
            return try FleetConfig.load(path: config, environment: ProcessInfo.processInfo.environment)
        } catch let error as ConfigError {
            throw ValidationError(error.description)
        }
    }

    /// A Redis queue session for commands (not for worker threads, which open their own).
    func session(_ fleet: FleetConfig, processId: String = "cli") throws -> RedisJobQueue {
        RedisJobQueue(
            connection: try RedisConnection(url: fleet.redisURL), settings: fleet.worker.queue, processId: processId)
    }

    /// The operator's view of the queues, for commands that read or repair them.
    func admin(_ fleet: FleetConfig) throws -> QueueAdmin {
        QueueAdmin(connection: try RedisConnection(url: fleet.redisURL), settings: fleet.worker.queue)
    }
}

extension FleetConfig {
    /// A PostgreSQL connection for this thread, or a clear error when DATABASE_URL is unset.
    func postgres(timeouts: SessionTimeouts = .standard) throws -> PostgresConnection {
        guard let databaseURL else { throw ValidationError("DATABASE_URL is not set") }
        return try PostgresConnection(
            configuration: PostgresConfiguration(url: databaseURL, searchPath: databaseSchema, timeouts: timeouts))
    }
}

enum Log {
    /// Structured key=value logs on stderr; level from LOG_LEVEL (default info).
    static func bootstrap() {
        let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = KeyValueLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
