// The whole configuration of a deployment, loaded once at start from config/creatorflow.yaml
// and the environment. Invalid values stop the process with a message naming the key.

import Domain
import Foundation
import Queue
import Redis
import Scheduler
import Store
import Upstream
import Worker

/// What the integrations and the fulfilment pipeline are configured with.
public struct IntegrationSettings: Sendable, Equatable {
    /// Carrier name → TikTok Shop shipping provider id.
    public var carrierProviders: [String: String]
    /// `thresholds.stock_*_hours`: hours of stock that make a SKU critical or leave it at monitoring.
    public var stockThresholds: StockThresholds
    public var healthWarning: Int
    public var healthCritical: Int
    public var tiktokPerAppPerMinute: Int
    public var tiktokPerShopPerMinute: Int
    /// The longest a request waits in-process for rate-limit slots; a longer wait reschedules the job.
    public var rateLimitMaxWaitSeconds: Double
    /// Upstream failures within `breakerWindowSeconds` that open an upstream's circuit breaker.
    public var breakerFailures: Int
    public var breakerWindowSeconds: Double
    /// How long an open breaker refuses requests before it lets one trial through.
    public var breakerOpenSeconds: Double
    /// The fulfilment pipeline's own knobs (`fulfilment.*`).
    public var pipeline: PipelineSettings
}

/// `fulfilment.*`: how the pipeline re-drives, buys and promises.
public struct PipelineSettings: Sendable, Equatable {
    /// Orders without progress this long are re-driven by the sweeper.
    public var stalledAfterSeconds: Double
    /// At most one supplier order per SKU per window of this many seconds.
    public var reorderWindowSeconds: Double
    /// Delivery promise of MEDIUM and LOW orders in days; nil: none.
    public var promisedDeliveryDays: Int?
    /// Most one label may cost, in minor units of `labelCurrency`; nil: no ceiling.
    public var labelCostCeilingMinor: Int?
    public var labelCurrency: String
}

/// Limits of `creatorflow web`.
public struct WebSettings: Sendable {
    /// Webhook bodies larger than this are refused with 413.
    public var maxBodyBytes: Int
    /// Threads for blocking PostgreSQL and Redis calls.
    public var poolSize: Int
}

/// Everything config/ decides, validated.
public struct FleetConfig: Sendable {
    public var redisURL: RedisURL
    /// `DATABASE_URL`; nil when unset (commands that need PostgreSQL refuse to start).
    public var databaseURL: String?
    /// `CF_DATABASE_SCHEMA`: the PostgreSQL schema to use (tests isolate suites this way).
    public var databaseSchema: String?
    public var worker: WorkerConfig
    /// The webhook receiver's limits.
    public var web: WebSettings
    /// Carrier mapping, thresholds and rate limits.
    public var integrations: IntegrationSettings
    /// How long high-volume tables keep rows.
    public var retention: RetentionPolicy
    /// The worker's webhook outbox relay.
    public var relay: RelaySettings
    /// Periodic jobs fired by `creatorflow scheduler`.
    public var schedules: [Schedule]

    /// Loads `path` (missing file → defaults) with `environment` overriding it.
    public static func load(path: String, environment: [String: String]) throws -> FleetConfig {
        let text: String
        if FileManager.default.fileExists(atPath: path) {
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ConfigError(key: "<file>", problem: "cannot read \(path): \(error)")
            }
        } else {
            text = ""
        }
        return try parse(yaml: text, environment: environment)
    }

    /// Parses config text; used by `load` and by tests.
    public static func parse(yaml: String, environment: [String: String]) throws -> FleetConfig {
        let tree = try ConfigTree(yaml: yaml, environment: environment)
        let redisURL: RedisURL
        do {
            redisURL = try RedisURL(parsing: environment["REDIS_URL"] ?? "redis://127.0.0.1:6379/0")
        } catch {
            throw ConfigError(key: "REDIS_URL", problem: "\(error)")
        }
        let defaultRetry = try retryPolicy(tree, "retry", fallback: .sidekiq)
        let defaultPolicy = KindPolicy(
            retry: defaultRetry, timeoutSeconds: try tree.double("retry.timeout_s", default: 300, min: 0.001))
        var policies: [String: KindPolicy] = [:]
        for kind in try tree.keys("kinds") {
            let base = "kinds.\(kind)"
            policies[kind] = KindPolicy(
                retry: try retryPolicy(tree, base, fallback: defaultRetry),
                timeoutSeconds: try tree.double("\(base).timeout_s", default: defaultPolicy.timeoutSeconds, min: 0.001),
                queue: try tree.optionalString("\(base).queue"))
        }
        let settings = QueueSettings(
            keys: Keys(prefix: try tree.string("redis.prefix", default: "cf")),
            leaseSeconds: try tree.double("worker.lease_s", default: 10, min: 0.5),
            deadMaxCount: try tree.int("dead_letters.max_count", default: 10_000, min: 1),
            deadMaxAgeSeconds: try tree.double("dead_letters.max_age_days", default: 180, min: 0) * 86_400,
            maxRecoveries: try tree.int("worker.max_recoveries", default: 3, min: 0))
        let worker = WorkerConfig(
            queue: settings, order: try queueOrder(tree),
            concurrency: try tree.int("worker.concurrency", default: 10, min: 1, max: 1000),
            prefetch: try tree.int("worker.prefetch", default: 20, min: 0, max: 10_000),
            shutdownDeadlineSeconds: try tree.double("worker.shutdown_deadline_s", default: 25, min: 0),
            heartbeatSeconds: try tree.double("worker.heartbeat_s", default: 2, min: 0.05),
            reapIntervalSeconds: try tree.double("worker.reap_interval_s", default: 5, min: 0.05),
            promoteIntervalSeconds: try tree.double("worker.promote_interval_s", default: 1, min: 0.05),
            idleWaitSeconds: try tree.double("worker.idle_wait_s", default: 0.3, min: 0.01, max: 2),
            ackWindowSeconds: try tree.double("worker.ack_window_s", default: 0.05, min: 0, max: 5),
            defaultPolicy: defaultPolicy, policies: policies)
        if worker.heartbeatSeconds >= settings.leaseSeconds {
            throw ConfigError(key: "worker.heartbeat_s", problem: "must be shorter than worker.lease_s (\(settings.leaseSeconds))")
        }
        let databaseURL = environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if let databaseURL, !(databaseURL.hasPrefix("postgres://") || databaseURL.hasPrefix("postgresql://")) {
            throw ConfigError(key: "DATABASE_URL", problem: "must be a postgres:// URL")
        }
        return FleetConfig(
            redisURL: redisURL, databaseURL: databaseURL,
            databaseSchema: environment["CF_DATABASE_SCHEMA"].flatMap { $0.isEmpty ? nil : $0 }, worker: worker,
            web: WebSettings(
                maxBodyBytes: try tree.int("webhook.max_body_bytes", default: 256 * 1024, min: 1, max: 64 * 1024 * 1024),
                poolSize: try tree.int("web.pool_size", default: 4, min: 1, max: 256)),
            integrations: try integrations(tree),
            retention: RetentionPolicy(
                jobRunsDays: try tree.int("retention.job_runs_days", default: 30, min: 1),
                webhookEventsDays: try tree.int("retention.webhook_events_days", default: 90, min: 1),
                healthChecksDays: try tree.int("retention.health_checks_days", default: 14, min: 1),
                dashboardEventsDays: try tree.int(
                    "retention.dashboard_events_days", default: RetentionPolicy().dashboardEventsDays, min: 1)),
            relay: RelaySettings(
                graceSeconds: try tree.double("relay.grace_s", default: RelaySettings().graceSeconds, min: 0),
                intervalSeconds: try tree.double("relay.interval_s", default: RelaySettings().intervalSeconds, min: 0.05),
                queue: worker.policy(for: "classify").queue ?? "default",
                maxAttempts: worker.policy(for: "classify").retry.maxAttempts),
            schedules: try schedules(tree, worker: worker))
    }

    private static func integrations(_ tree: ConfigTree) throws -> IntegrationSettings {
        var providers: [String: String] = [:]
        for carrier in try tree.keys("carriers") {
            let id = try tree.string("carriers.\(carrier)", default: "")
            guard !id.isEmpty, id.allSatisfy(\.isNumber) else {
                throw ConfigError(key: "carriers.\(carrier)", problem: "expected a numeric TikTok shipping provider id, got '\(id)'")
            }
            providers[carrier] = id
        }
        let settings = IntegrationSettings(
            carrierProviders: providers,
            stockThresholds: StockThresholds(
                criticalBelowHours: try tree.double(
                    "thresholds.stock_critical_hours", default: StockThresholds.standard.criticalBelowHours, min: 0),
                monitoringAboveHours: try tree.double(
                    "thresholds.stock_monitoring_hours", default: StockThresholds.standard.monitoringAboveHours, min: 0)),
            healthWarning: try tree.int("thresholds.health_warning", default: 80, min: 1, max: 100),
            healthCritical: try tree.int("thresholds.health_critical", default: 60, min: 0, max: 100),
            tiktokPerAppPerMinute: try tree.int("rate_limits.tiktok_per_app_per_minute", default: 1000, min: 1),
            tiktokPerShopPerMinute: try tree.int("rate_limits.tiktok_per_shop_per_minute", default: 1000, min: 1),
            rateLimitMaxWaitSeconds: try tree.double(
                "rate_limits.max_wait_s", default: UpstreamGateSettings.defaultMaxWaitSeconds, min: 0),
            breakerFailures: try tree.int("breaker.failures", default: 5, min: 1),
            breakerWindowSeconds: try tree.double("breaker.window_s", default: 60, min: 0.001),
            breakerOpenSeconds: try tree.double("breaker.open_s", default: 60, min: 0.001),
            pipeline: try pipeline(tree))
        if settings.stockThresholds.criticalBelowHours >= settings.stockThresholds.monitoringAboveHours {
            throw ConfigError(key: "thresholds.stock_critical_hours", problem: "must be below thresholds.stock_monitoring_hours")
        }
        if settings.healthCritical >= settings.healthWarning {
            throw ConfigError(key: "thresholds.health_critical", problem: "must be below thresholds.health_warning")
        }
        return settings
    }

    private static func pipeline(_ tree: ConfigTree) throws -> PipelineSettings {
        let promise = try tree.int("fulfilment.promised_delivery_days", default: 5, min: 0)
        let ceiling = try tree.int("fulfilment.label_cost_ceiling_minor", default: 5000, min: 0)
        let currency = try tree.string("fulfilment.label_currency", default: "USD")
        guard currency.count == 3, currency.allSatisfy({ $0.isUppercase && $0.isASCII }) else {
            throw ConfigError(key: "fulfilment.label_currency", problem: "expected an ISO currency code like USD, got '\(currency)'")
        }
        return PipelineSettings(
            stalledAfterSeconds: try tree.double("fulfilment.stalled_after_s", default: 600, min: 1),
            reorderWindowSeconds: try tree.double("fulfilment.reorder_window_s", default: 3600, min: 1),
            promisedDeliveryDays: promise == 0 ? nil : promise, labelCostCeilingMinor: ceiling == 0 ? nil : ceiling,
            labelCurrency: currency)
    }

    private static func schedules(_ tree: ConfigTree, worker: WorkerConfig) throws -> [Schedule] {
        try tree.keys("schedules").map { name in
            let base = "schedules.\(name)"
            let kind = try tree.string("\(base).kind", default: name)
            let cadenceText: String
            if let every = try tree.optionalString("\(base).every") {
                cadenceText = "every \(every)"
            } else if let cron = try tree.optionalString("\(base).cron") {
                cadenceText = cron
            } else {
                throw ConfigError(key: base, problem: "needs `every` (e.g. 30s) or `cron` (five fields)")
            }
            let cadence: Cadence
            do {
                cadence = try Cadence(parsing: cadenceText)
            } catch {
                throw ConfigError(key: base, problem: "\(error)")
            }
            let queue = try tree.optionalString("\(base).queue") ?? worker.policy(for: kind).queue ?? "default"
            var args = "{}"
            if let raw = tree.value("\(base).args") {
                guard JSONSerialization.isValidJSONObject(raw),
                    let data = try? JSONSerialization.data(withJSONObject: raw, options: [.sortedKeys])
                else { throw ConfigError(key: "\(base).args", problem: "expected a mapping of job arguments") }
                args = String(decoding: data, as: UTF8.self)
            }
            return Schedule(name: name, kind: kind, queue: queue, cadence: cadence, args: args)
        }
    }

    private static func retryPolicy(_ tree: ConfigTree, _ base: String, fallback: RetryPolicy) throws -> RetryPolicy {
        RetryPolicy(
            maxAttempts: try tree.int("\(base).max_attempts", default: fallback.maxAttempts, min: 1),
            exponent: try tree.double("\(base).exponent", default: fallback.exponent, min: 0, max: 10),
            baseSeconds: try tree.double("\(base).base_s", default: fallback.baseSeconds, min: 0),
            jitter: try tree.int("\(base).jitter", default: fallback.jitter, min: 0),
            capSeconds: try tree.optionalDouble("\(base).cap_s") ?? fallback.capSeconds)
    }

    private static func queueOrder(_ tree: ConfigTree) throws -> QueueOrder {
        let mode = try tree.string("queues.order", default: "strict", allowed: ["strict", "weighted"])
        var pairs: [(name: String, weight: Int)] = []
        for (index, item) in try tree.list("queues.list").enumerated() {
            guard let name = item["name"] as? String, !name.isEmpty, !name.contains("{"), !name.contains("}") else {
                throw ConfigError(key: "queues.list[\(index)].name", problem: "expected a queue name without braces")
            }
            let weight = item["weight"] as? Int ?? 1
            guard weight >= 1 else { throw ConfigError(key: "queues.list[\(index)].weight", problem: "must be ≥ 1") }
            pairs.append((name, weight))
        }
        if pairs.isEmpty { pairs = [("critical", 6), ("default", 3), ("low", 1)] }
        return mode == "strict" ? .strict(pairs.map(\.name)) : .weighted(pairs)
    }
}
