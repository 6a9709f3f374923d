// `creatorflow web`: the webhook receiver. Reads secrets and URLs from the environment, the body
// cap and pool size from config (CF_* overrides), and runs until SIGTERM/SIGINT, when the server
// stops accepting, answers the requests in flight and the blocking pool drains.

import ArgumentParser
import Clients
import Config
import Dispatch
import Foundation
import Queue
import Jobs
import Logging
import Metrics
import Prometheus
import Receiver
import Store

struct WebCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "web", abstract: "Receive TikTok Shop webhooks over HTTP until SIGTERM.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Port to listen on (default: $PORT, else 8080).")
    var port: Int?

    @Option(help: "Address to bind (loopback by default; put a proxy in front).")
    var host: String = "127.0.0.1"

    func validate() throws {
        if let port, !(0...65_535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if host.isEmpty { throw ValidationError("--host must not be empty") }
    }

    func run() async throws {
        Log.bootstrap()
        let environment = ProcessInfo.processInfo.environment
        let fleet = try common.load()
        try fleet.requireUsableSchema(logger: Logger(label: "creatorflow.web"))
        guard let appKey = environment["TIKTOK_APP_KEY"], !appKey.isEmpty,
            let appSecret = environment["TIKTOK_APP_SECRET"], !appSecret.isEmpty
        else {
            throw ValidationError("TIKTOK_APP_KEY and TIKTOK_APP_SECRET must be set: they verify every webhook")
        }
        guard let databaseURL = fleet.databaseURL else {
            throw ValidationError("DATABASE_URL must be set (postgres://user@host:port/db): webhooks are stored there")
        }
        let policy = fleet.worker.policy(for: ClassifyJob.kind)
        let tracking = fleet.worker.policy(for: TrackingUpdateJob.kind)
        let configuration = ReceiverConfiguration(
            host: host, port: try port ?? Self.environmentPort(environment),
            signature: WebhookSignature(appKey: appKey, appSecret: appSecret),
            maxBodyBytes: fleet.web.maxBodyBytes, poolSize: fleet.web.poolSize,
            connections: ConnectionSettings(
                postgres: PostgresConfiguration(
                    url: databaseURL, searchPath: fleet.databaseSchema, applicationName: "creatorflow-web",
                    timeouts: .intake),
                redis: fleet.redisURL),
            jobs: JobEnqueueSettings(
                queueSettings: fleet.worker.queue, queue: policy.queue ?? ClassifyJob.defaultQueue,
                maxAttempts: policy.retry.maxAttempts),
            easyPostSignature: IntegrationEnvironment(environment).easyPostWebhookSecret.map(EasyPostSignature.init(secret:)),
            trackingJobs: JobEnqueueSettings(
                queueSettings: fleet.worker.queue, queue: tracking.queue ?? JobEnqueueSettings.defaultQueue,
                maxAttempts: tracking.retry.maxAttempts),
            dashboard: DashboardSettings(
                secret: environment["CF_DASHBOARD_SECRET"].flatMap { $0.isEmpty ? nil : $0 },
                schema: fleet.databaseSchema ?? "public"))
        let metrics = FleetMetrics()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics.registry))
        let app = try await buildApplication(configuration: configuration, logger: Logger(label: "creatorflow.web"), metrics: metrics)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    private static func environmentPort(_ environment: [String: String]) throws -> Int {
        guard let text = environment["PORT"], !text.isEmpty else { return 8080 }
        guard let port = Int(text), (0...65_535).contains(port) else {
            throw ValidationError("PORT must be a port number, got '\(text)'")
        }
        return port
    }
}
