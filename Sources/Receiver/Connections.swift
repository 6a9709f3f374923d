// The connections one BlockingPool thread owns. Each is opened on first use, on that thread, and
// dropped after a connection failure so the next call opens a fresh one.

import Logging
import Queue
import Redis
import Store

/// One pool thread's PostgreSQL and Redis connections; never leaves its thread.
public struct Connections {
    public let settings: ConnectionSettings
    private let logger: Logger
    private var postgresConnection: PostgresConnection?
    private var redisConnection: RedisConnection?

    init(settings: ConnectionSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// This thread's PostgreSQL connection, connecting first when there is none.
    public mutating func postgres() throws -> PostgresConnection {
        if let postgresConnection { return postgresConnection }
        let connection = try PostgresConnection(configuration: settings.postgres, logger: logger)
        postgresConnection = connection
        return connection
    }

    /// This thread's Redis connection, connecting first when there is none.
    public mutating func redis() throws -> RedisConnection {
        if let redisConnection { return redisConnection }
        let connection = try RedisConnection(url: settings.redis, socketTimeout: settings.redisSocketTimeout)
        redisConnection = connection
        return connection
    }

    /// Drops the connection `error` says is broken, so the next call reconnects.
    mutating func discard(after error: any Error) {
        if let failure = error as? PostgresError, failure.kind == .connection, postgresConnection != nil {
            logger.debug("dropping a broken postgres connection")
            postgresConnection = nil
        }
        if case .connection = error as? RedisError, redisConnection != nil {
            logger.debug("dropping a broken redis connection")
            redisConnection = nil
        }
    }
}
