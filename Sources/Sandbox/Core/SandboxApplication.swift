// The sandbox as a Hummingbird application: every surface on one port. The binary runs
// `buildSandboxApplication`; tests use `SandboxServer` to run it in-process on a free port.

import Foundation
import Hummingbird
import Logging
import NIOCore

/// The router with every simulated surface and the control API.
public func buildSandboxRouter(state: SandboxState) -> Router<BasicRequestContext> {
    let configuration = state.configuration
    let router = Router()
    router.add(middleware: FaultMiddleware(state: state))
    let dispatcher = WebhookDispatcher(state: state)
    let guardian = TikTokGuard(
        state: state, verifier: TikTokSignatureVerifier(appSecret: configuration.appSecret), configuration: configuration)
    TikTokRoutes(state: state, guardian: guardian, dispatcher: dispatcher).add(to: router)
    EasyPostRoutes(state: state, apiKey: configuration.easyPostKey).add(to: router)
    SupplierRoutes(state: state, apiKey: configuration.supplierKey).add(to: router)
    ControlRoutes(state: state, dispatcher: dispatcher).add(to: router)
    SimulatorRoutes(state: state).add(to: router)
    ContentControlRoutes(state: state).add(to: router)
    return router
}

/// The sandbox application; `onRunning` receives the bound port.
public func buildSandboxApplication(
    state: SandboxState, logger: Logger, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    Application(
        router: buildSandboxRouter(state: state),
        configuration: ApplicationConfiguration(
            address: .hostname(state.configuration.host, port: state.configuration.port), serverName: "creatorflow-sandbox"),
        onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? state.configuration.port) },
        logger: logger)
}

/// A sandbox running in this process (for tests); stop it with `stop()`.
public final class SandboxServer: Sendable {
    public let state: SandboxState
    /// The bound port.
    public let port: Int
    private let task: Task<Void, any Error>

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://\(state.configuration.host):\(port)" }

    private init(state: SandboxState, port: Int, task: Task<Void, any Error>) {
        self.state = state
        self.port = port
        self.task = task
    }

    /// Starts the sandbox (give port 0 for a free one) and waits until it listens.
    public static func start(_ configuration: SandboxConfiguration) async throws -> SandboxServer {
        let state = SandboxState(configuration: configuration)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "creatorflow.sandbox")
        logger.logLevel = .warning
        let app = buildSandboxApplication(state: state, logger: logger) { port in continuation.yield(port) }
        let task = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        await state.setPort(port)
        return SandboxServer(state: state, port: port, task: task)
    }

    /// Stops the server.
    public func stop() async {
        task.cancel()
        _ = await task.result
    }
}
