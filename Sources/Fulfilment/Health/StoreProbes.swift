// Probes of the fleet's own stores: PostgreSQL (`SELECT 1`) and Redis (`PING`), each one timed
// round trip on the slot's connection. Both are critical: no job moves without them.

import Domain
import Queue
import Redis
import Store

/// PostgreSQL and Redis round trips.
enum StoreProbes {
    /// `SELECT 1` graded by `limits.postgresMilliseconds`; an error is `down`.
    static func postgres(_ connection: PostgresConnection, limits: ProbeLimits) -> ProbeReport {
        do {
            let elapsed = try Stopwatch.milliseconds { try connection.ping() }
            return .timed("postgres", milliseconds: elapsed, limit: limits.postgresMilliseconds, critical: true)
        } catch {
            return ProbeReport("postgres", .down, critical: true, reason: "\(error)")
        }
    }

    /// `PING` graded by `limits.redisMilliseconds`; an error is `down`.
    static func redis(_ connection: RedisConnection, limits: ProbeLimits) -> ProbeReport {
        do {
            let elapsed = try Stopwatch.milliseconds { _ = try connection.command(["PING"]) }
            return .timed("redis", milliseconds: elapsed, limit: limits.redisMilliseconds, critical: true)
        } catch {
            return ProbeReport("redis", .down, critical: true, reason: "\(error)")
        }
    }
}
