// Where each BlockingPool thread connects: PostgreSQL (the source of truth) and Redis (the queue).

import Queue
import Redis
import Store

/// The servers and timeouts every pool thread's `Connections` use.
public struct ConnectionSettings: Sendable {
    public var postgres: PostgresConfiguration
    public var redis: RedisURL
    /// Bounds every Redis read, so an unresponsive Redis cannot hold a pool thread for long.
    public var redisSocketTimeout: Duration

    public init(postgres: PostgresConfiguration, redis: RedisURL, redisSocketTimeout: Duration = .seconds(2)) {
        self.postgres = postgres
        self.redis = redis
        self.redisSocketTimeout = redisSocketTimeout
    }
}
