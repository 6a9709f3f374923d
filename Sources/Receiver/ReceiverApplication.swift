// The receiver as a Hummingbird application: a thin `creatorflow web` runs what these testable
// builders return.

import Hummingbird
import HummingbirdWebSocket
import Logging

/// The routes: `POST /webhooks/tiktok`, `POST /webhooks/easypost`, `GET /healthz`, `GET /readyz`
/// (JSON), `GET /metrics` (Prometheus text for the whole fleet) and the dashboard's.
func buildRouter(
    configuration: ReceiverConfiguration, pool: BlockingPool, logger: Logger, metrics: FleetMetrics, dashboard: Dashboard
) -> Router<BasicWebSocketRequestContext> {
    let intake = WebhookIntake(
        signature: configuration.signature, pool: pool, jobs: configuration.jobs, logger: logger)
    let webhook = WebhookRoute(intake: intake, maxBodyBytes: configuration.maxBodyBytes)
    let easyPost = EasyPostRoute(
        intake: EasyPostIntake(
            signature: configuration.easyPostSignature, pool: pool, jobs: configuration.trackingJobs, logger: logger),
        maxBodyBytes: configuration.maxBodyBytes)
    let readiness = ReadinessProbe(pool: pool, timeout: configuration.readinessTimeout)
    let router = Router(context: BasicWebSocketRequestContext.self)
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: WebhookMetricsMiddleware(metrics: metrics))
    router.add(middleware: JSONErrorMiddleware())
    router.get("healthz") { _, _ in JSONReply(.ok, ["status": .string("ok")]) }
    router.get("readyz") { _, _ in await readiness.check() }
    router.post("webhooks/tiktok") { request, _ in try await webhook.handle(request) }
    router.post("webhooks/easypost") { request, _ in try await easyPost.handle(request) }
    let scrape = MetricsRoute(metrics: metrics, pool: pool, queueSettings: configuration.jobs.queueSettings, logger: logger)
    router.get("metrics") { _, _ in await scrape.handle() }
    dashboard.add(to: router)
    return router
}

/// The receiver application: the router (HTTP/1 with the dashboard's WebSocket upgrade), its
/// blocking pool, which drains after the server has stopped on graceful shutdown, and the
/// dashboard's event feed and panels.
public func buildApplication(
    configuration: ReceiverConfiguration, logger: Logger, metrics: FleetMetrics = FleetMetrics()
) async throws -> some ApplicationProtocol {
    let pool = BlockingPool(size: configuration.poolSize, settings: configuration.connections, logger: logger)
    let dashboard = try await Dashboard(
        settings: configuration.dashboard, postgres: configuration.connections.postgres,
        queueSettings: configuration.jobs.queueSettings, pool: pool, logger: logger)
    let router = buildRouter(configuration: configuration, pool: pool, logger: logger, metrics: metrics, dashboard: dashboard)
    return Application(
        router: router,
        server: .http1WebSocketUpgrade(webSocketRouter: router, configuration: .init(ws: dashboard.webSocketConfiguration)),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: "creatorflow"),
        services: [pool] + dashboard.services,
        logger: logger)
}
