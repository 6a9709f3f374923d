// Maps `rate_limits.*` and `breaker.*` onto the fleet gate and builds one gate per slot thread,
// each on its own Redis connection (gates, like connections, never leave their thread).

import Clients
import Config
import Logging
import Queue
import Redis
import Upstream
import Worker

extension FleetConfig {
    /// The shared rate limiter's and circuit breakers' settings.
    var upstreamGateSettings: UpstreamGateSettings {
        UpstreamGateSettings(
            limits: BucketLimit.tiktok(perApp: integrations.tiktokPerAppPerMinute, perShop: integrations.tiktokPerShopPerMinute),
            window: .seconds(60), maxWait: .milliseconds(Int(integrations.rateLimitMaxWaitSeconds * 1000)),
            breaker: BreakerSettings(
                failures: integrations.breakerFailures, window: .milliseconds(Int(integrations.breakerWindowSeconds * 1000)),
                openFor: .milliseconds(Int(integrations.breakerOpenSeconds * 1000))))
    }

    /// Builds a `RedisUpstreamGate` for the calling slot thread; its rate-limit waits end when
    /// `stopping` is set (the worker drains).
    func makeUpstreamGate(stopping: CancellationFlag) -> @Sendable () throws -> (any UpstreamGate)? {
        let url = redisURL
        let keys = worker.queue.keys
        let settings = upstreamGateSettings
        return {
            RedisUpstreamGate(
                connection: try RedisConnection(url: url), keys: keys, settings: settings,
                stopWaiting: { stopping.isCancelled })
        }
    }
}
