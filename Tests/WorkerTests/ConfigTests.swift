import Config
import Foundation
import Queue
import Redis
import Scheduler
import Testing
import TestSupport
import Worker

@Suite struct ConfigTests {
    @Test func shippedConfigParsesWithItsPolicies() throws {
        let fleet = try FleetConfig.load(
            path: repositoryRoot.appendingPathComponent("config/creatorflow.yaml").path, environment: [:])
        #expect(fleet.worker.concurrency == 10)
        #expect(fleet.worker.queue.deadMaxCount == 10_000)
        #expect(fleet.worker.defaultPolicy.retry == .sidekiq)
        #expect(fleet.worker.policy(for: "fail").retry.maxAttempts == 3)
        #expect(fleet.worker.order.queues == ["critical", "default", "low"])
        #expect(fleet.integrations.carrierProviders["UPS"] == "7117859084333745966")
        #expect(fleet.integrations.stockThresholds.criticalBelowHours == 6)
        #expect(fleet.integrations.healthCritical == 60)
        #expect(fleet.integrations.tiktokPerAppPerMinute == 1000)
    }

    @Test func environmentOverridesTheFile() throws {
        let fleet = try FleetConfig.parse(
            yaml: "worker:\n  concurrency: 4\nkinds:\n  label: { timeout_s: 20, max_attempts: 5 }\n",
            environment: ["CF_WORKER_CONCURRENCY": "7", "CF_KINDS_LABEL_TIMEOUT_S": "9", "REDIS_URL": "redis://127.0.0.1:7000/2"])
        #expect(fleet.worker.concurrency == 7)
        #expect(fleet.worker.policy(for: "label").timeoutSeconds == 9)
        #expect(fleet.worker.policy(for: "label").retry.maxAttempts == 5)
        #expect(fleet.redisURL == RedisURL(host: "127.0.0.1", port: 7000, database: 2))
    }

    @Test func schedulesAreReadFromConfig() throws {
        let fleet = try FleetConfig.parse(
            yaml: "schedules:\n  health-probe: { every: 30s, queue: critical }\n  nightly: { kind: noop, cron: '0 3 * * *' }\n",
            environment: [:])
        #expect(fleet.schedules.map(\.name) == ["health-probe", "nightly"])
        #expect(fleet.schedules[0].cadence == .every(seconds: 30))
        #expect(fleet.schedules[0].kind == "health-probe")
        #expect(fleet.schedules[1].queue == "default")
    }

    @Test(arguments: [
        ("worker:\n  concurrency: lots\n", [String: String](), "invalid config: worker.concurrency: expected an integer, got 'lots'"),
        ("", ["CF_WORKER_CONCURRENCY": "0"], "invalid config: worker.concurrency: must be between 1 and 1000, got 0"),
        ("queues:\n  order: random\n", [:], "invalid config: queues.order: must be one of strict, weighted, got 'random'"),
        ("schedules:\n  probe: { kind: noop }\n", [:], "invalid config: schedules.probe: needs `every` (e.g. 30s) or `cron` (five fields)"),
        ("worker:\n  lease_s: 1\n  heartbeat_s: 2\n", [:], "invalid config: worker.heartbeat_s: must be shorter than worker.lease_s (1.0)"),
        ("", ["REDIS_URL": "http://nope"], "invalid config: REDIS_URL: redis connection error: REDIS_URL must look like redis://host:port/db"),
        ("[1, 2", [:], "invalid config: <file>: not valid YAML"),
        ("carriers:\n  UPS: ups-ground\n", [:], "invalid config: carriers.UPS: expected a numeric TikTok shipping provider id, got 'ups-ground'"),
        ("thresholds:\n  stock_critical_hours: 30\n", [:], "invalid config: thresholds.stock_critical_hours: must be below thresholds.stock_monitoring_hours"),
        ("", ["CF_RATE_LIMITS_TIKTOK_PER_APP_PER_MINUTE": "0"], "invalid config: rate_limits.tiktok_per_app_per_minute: must be between 1 and"),
    ])
    func invalidConfigIsRefusedNamingTheKey(yaml: String, environment: [String: String], message: String) {
        do {
            _ = try FleetConfig.parse(yaml: yaml, environment: environment)
            Issue.record("accepted invalid config")
        } catch {
            #expect("\(error)".hasPrefix(message), "got: \(error)")
        }
    }

    @Test func processRefusesToStartOnInvalidConfig() throws {
        let (status, output) = try run(
            repositoryRoot.appendingPathComponent(".build/debug/creatorflow").path, ["worker"],
            environment: ["CF_WORKER_CONCURRENCY": "many"])
        #expect(status != 0)
        #expect(output.contains("invalid config: worker.concurrency: expected an integer, got 'many'"))
    }
}

/// Every scalar of the shipped config file reaches the configuration a process runs with: changed
/// through its environment variable, it changes what `FleetConfig` holds (a key parsed but never
/// used, or one whose default lives elsewhere, would not).
@Suite struct ConfigKeyCoverageTests {
    /// A different value that still validates, for each kind of scalar in the file.
    static func changed(_ key: String, _ value: Any) -> String {
        switch value {
        case let number as Int: return String(number > 1 ? number - 1 : number + 1)
        case let number as Double: return String(number > 1 ? number - 1 : number + 1)
        case let text as String where key.hasPrefix("carriers."): return text == "1" ? "2" : "1"
        case let text as String where "smhd".contains(text.last ?? " ") && Int(text.dropLast()) != nil:
            return "\(Int(text.dropLast())! + 1)\(text.last!)"
        case "strict" as String: return "weighted"
        case "critical" as String: return "low"
        case "low" as String: return "critical"
        case "USD" as String: return "EUR"
        case let text as String: return text + "x"
        default: return "\(value)"
        }
    }

    @Test func everyKeyOfTheShippedFileChangesTheConfiguration() throws {
        let path = repositoryRoot.appendingPathComponent("config/creatorflow.yaml").path
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
        let tree = try ConfigTree(yaml: yaml, environment: [:])
        let baseline = String(reflecting: try FleetConfig.parse(yaml: yaml, environment: [:]))
        let keys = tree.leafKeys()
        #expect(keys.count > 50, "\(keys)")
        for key in keys {
            let value = try #require(tree.value(key))
            let variable = ConfigTree.environmentName(for: key)
            let changed = try FleetConfig.parse(yaml: yaml, environment: [variable: Self.changed(key, value)])
            #expect(String(reflecting: changed) != baseline, "\(key) (\(variable)=\(Self.changed(key, value))) changes nothing")
        }
    }
}
