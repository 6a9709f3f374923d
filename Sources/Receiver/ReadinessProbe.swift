// `/readyz`: ready when PostgreSQL answers `SELECT 1` in time. Redis is reported but does not
// decide: with Redis down webhooks are still stored, and the relay enqueues their jobs later.

import Hummingbird
import Queue

/// Checks the receiver's dependencies through the blocking pool, each within `timeout`.
public struct ReadinessProbe: Sendable {
    private let pool: BlockingPool
    private let timeout: Duration

    public init(pool: BlockingPool, timeout: Duration) {
        self.pool = pool
        self.timeout = timeout
    }

    /// 200 `{"status":"ready",...}` or 503 `{"status":"unavailable",...}`, with `postgres` and
    /// `redis` each `"up"` or `"down"`.
    public func check() async -> JSONReply {
        async let postgres = answers { connections in try connections.postgres().ping() }
        async let redis = answers { connections in _ = try connections.redis().command(["PING"]) }
        let (postgresUp, redisUp) = await (postgres, redis)
        return JSONReply(
            postgresUp ? .ok : .serviceUnavailable,
            [
                "status": .string(postgresUp ? "ready" : "unavailable"),
                "postgres": .string(postgresUp ? "up" : "down"), "redis": .string(redisUp ? "up" : "down"),
            ])
    }

    private func answers(_ probe: @escaping @Sendable (inout Connections) throws -> Void) async -> Bool {
        do {
            try await pool.run(timeout: timeout, probe)
            return true
        } catch {
            return false
        }
    }
}
