// Reads what the gates share in Redis: every known upstream's breaker state and the rate-limit
// waits per bucket. Used by the gate, the label handler, the health probe and `/metrics`.

import Foundation
import Queue
import Redis

/// A read-only view of the fleet's breakers and rate-limit waits. Owned by the connection's thread.
public struct UpstreamMonitor {
    public let connection: RedisConnection
    public let keys: Keys

    public init(connection: RedisConnection, keys: Keys) {
        self.connection = connection
        self.keys = keys
    }

    /// Upstreams any gate has admitted requests for, sorted.
    public func upstreams() throws -> [String] {
        try connection.command(["SMEMBERS", keys.upstreams]).strings.sorted()
    }

    /// The breaker of each of `upstreams` (every known upstream when `nil`), by the server's clock.
    public func breakerStates(_ upstreams: [String]? = nil) throws -> [BreakerStatus] {
        let names = try upstreams ?? self.upstreams()
        let replies = try connection.pipeline([["TIME"]] + names.map { ["GET", keys.upstream(of: $0).open($0)] })
        let time = replies[0].strings.compactMap(Double.init)
        guard time.count == 2 else { throw RedisError.protocolViolation("TIME answered \(replies[0])") }
        let now = time[0] * 1000 + time[1] / 1000
        return zip(names, replies.dropFirst()).map { name, reply in
            let until = reply.string.flatMap(Double.init)
            let state = BreakerState(openUntilMilliseconds: until, nowMilliseconds: now)
            let remaining = state == .open ? until.map { Duration.milliseconds(Int(($0 - now).rounded(.up))) } : nil
            return BreakerStatus(upstream: name, state: state, openFor: remaining)
        }
    }

    /// The breaker of one upstream.
    public func state(of upstream: String) throws -> BreakerStatus {
        try breakerStates([upstream])[0]
    }

    /// Cumulative rate-limit waits per bucket.
    public func waits() throws -> [String: RateLimitWaits] {
        let fields = try connection.command(["HGETALL", keys.upstreamWaits]).strings
        var waits: [String: RateLimitWaits] = [:]
        for index in stride(from: 0, to: fields.count - 1, by: 2) {
            let field = fields[index]
            let value = Int(fields[index + 1]) ?? 0
            if field.hasPrefix("count:") {
                waits[String(field.dropFirst(6)), default: RateLimitWaits()].count = value
            } else if field.hasPrefix("ms:") {
                waits[String(field.dropFirst(3)), default: RateLimitWaits()].seconds = Double(value) / 1000
            }
        }
        return waits
    }
}
