// A tiny HTTP server in the test process standing in for Slack: it records every POST body it is
// sent and answers with a status the test chooses (200, or 500 to play a broken receiver).

import Foundation
import Hummingbird
import Logging
import Queue
import Worker

/// Counts and keeps the alert webhooks it receives.
final class WebhookCapture: Sendable {
    let port: Int
    private let bodies: Locked<[String]>
    private let status: Locked<HTTPResponse.Status>
    private let task: Task<Void, any Error>

    /// `http://127.0.0.1:PORT/hook`.
    var url: String { "http://127.0.0.1:\(port)/hook" }

    /// The bodies POSTed so far, in arrival order.
    var received: [String] { bodies.withLock { $0 } }

    private init(port: Int, bodies: Locked<[String]>, status: Locked<HTTPResponse.Status>, task: Task<Void, any Error>) {
        self.port = port
        self.bodies = bodies
        self.status = status
        self.task = task
    }

    /// Makes the receiver answer `status` from now on.
    func answer(_ newStatus: HTTPResponse.Status) { status.withLock { $0 = newStatus } }

    /// Starts on a free port and waits until it listens.
    static func start() async throws -> WebhookCapture {
        let bodies = Locked<[String]>([])
        let status = Locked<HTTPResponse.Status>(.ok)
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            bodies.withLock { $0.append(String(buffer: buffer)) }
            return Response(status: status.withLock { $0 })
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "test.webhook-capture")
        logger.logLevel = .warning
        let app = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let task = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return WebhookCapture(port: port, bodies: bodies, status: status, task: task)
    }

    /// Stops the server.
    func stop() async {
        task.cancel()
        _ = await task.result
    }
}
