// The dashboard as the web process runs it: its routes, and the services that feed it (the
// event feed and the periodic panels).

import Domain
import Hummingbird
import HummingbirdWebSocket
import Logging
import Queue
import ServiceLifecycle
import Store

/// The live dashboard of one web process.
public struct Dashboard: Sendable {
    let routes: DashboardRoutes
    let feed: DashboardEventFeed
    let poller: DashboardPoller
    let settings: DashboardSettings

    /// Builds the dashboard; `settings.secret` nil serves refusals only.
    public init(
        settings: DashboardSettings, postgres: PostgresConfiguration, queueSettings: QueueSettings, pool: BlockingPool,
        logger: Logger
    ) async throws {
        let tokens: DashboardTokens? = if let secret = settings.secret { try await DashboardTokens(secret: secret) } else { nil }
        let hub = DashboardHub(bufferCapacity: settings.clientBuffer)
        let reader = DashboardReader(pool: pool, queueSettings: queueSettings, settings: settings)
        routes = DashboardRoutes(
            tokens: tokens, reader: reader, pages: DashboardPages(templates: try DashboardTemplates.load()),
            socket: DashboardSocket(tokens: tokens, reader: reader, hub: hub, settings: settings), pool: pool,
            queueSettings: queueSettings)
        var feedSession = postgres
        feedSession.applicationName = DashboardEventFeed.applicationName(schema: settings.schema)
        feed = DashboardEventFeed(
            postgres: feedSession, hub: hub, pollInterval: settings.pollInterval.inSeconds,
            gapWait: settings.gapWait.inSeconds, logger: logger)
        poller = DashboardPoller(reader: reader, hub: hub, settings: settings, logger: logger)
        self.settings = settings
    }

    func add(to router: Router<BasicWebSocketRequestContext>) { routes.add(to: router) }

    /// The services the web process runs beside its server.
    var services: [any Service] { [feed, poller] }

    /// The WebSocket server settings: frames over the limit are refused by the server itself.
    var webSocketConfiguration: WebSocketServerConfiguration {
        WebSocketServerConfiguration(maxFrameSize: settings.maxFrameBytes, autoPing: .disabled, closeTimeout: .seconds(5))
    }
}
