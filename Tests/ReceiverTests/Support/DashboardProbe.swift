// A WebSocket client of `/ws` for tests (the package's WSClient): it keeps every text message and
// the close frame, and sends what a test tells it to.

import Foundation
import Hummingbird
import HummingbirdWSClient
import Logging
import Queue

/// One test client of the dashboard socket.
final class DashboardProbe: Sendable {
    private let received = Locked<[String]>([])
    private let writer = Locked<WebSocketOutboundWriter?>(nil)
    private let ended = Locked(false)
    private let connection: Task<WebSocketCloseFrame?, any Error>

    /// Connects to `/ws` on `port` with `headers` (a cookie or a bearer token).
    init(port: Int, headers: HTTPFields, maxFrameSize: Int = 1 << 20) {
        let received = received
        let writer = writer
        let ended = ended
        connection = Task {
            defer { ended.withLock { $0 = true } }
            return try await WebSocketClient.connect(
                url: "ws://127.0.0.1:\(port)/ws",
                configuration: WebSocketClientConfiguration(maxFrameSize: maxFrameSize, additionalHeaders: headers),
                logger: ReceiverFixture.logger
            ) { inbound, outbound, _ in
                writer.withLock { $0 = outbound }
                for try await message in inbound.messages(maxSize: 1 << 24) {
                    if case .text(let text) = message { received.withLock { $0.append(text) } }
                }
            }
        }
    }

    /// A probe that presents `token` as a bearer token.
    convenience init(port: Int, token: String?) {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        self.init(port: port, headers: headers)
    }

    /// A probe holding its first snapshot. WSClient now and then loses the first frame when it
    /// arrives in the same read as the upgrade's answer (a raw client never does), so a probe
    /// that has none within 3 s is replaced, up to three times.
    static func connected(port: Int, token: String?) async throws -> DashboardProbe {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await connected(port: port, headers: headers)
    }

    /// ``connected(port:token:)`` with `headers` (a cookie).
    static func connected(port: Int, headers: HTTPFields) async throws -> DashboardProbe {
        for _ in 0..<3 {
            let probe = DashboardProbe(port: port, headers: headers)
            if try await probe.waitUntil(timeout: 3, { !$0.snapshots.isEmpty }) { return probe }
            await probe.disconnect()
        }
        throw TestProbeError("no snapshot on three connections")
    }

    /// A probe the server closed at once, with its close frame. WSClient now and then misses a
    /// close frame that arrives in the same read as the upgrade's answer (a raw client always sees
    /// it), so a probe left open for 3 s is replaced, up to five times.
    static func refused(port: Int, token: String?) async throws -> (DashboardProbe, WebSocketCloseFrame?) {
        for _ in 0..<4 {
            let probe = DashboardProbe(port: port, token: token)
            if let close = try? await probe.closeFrame(timeout: 3) { return (probe, close) }
        }
        let probe = DashboardProbe(port: port, token: token)
        return (probe, try await probe.closeFrame(timeout: 3))
    }

    /// Every text message so far, decoded.
    var messages: [[String: Any]] {
        received.withLock { $0 }.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Every event received so far (the contents of `events` frames), in order.
    var events: [[String: Any]] {
        messages.filter { $0["type"] as? String == "events" }.flatMap { $0["events"] as? [[String: Any]] ?? [] }
    }

    /// The snapshots received so far.
    var snapshots: [[String: Any]] { messages.filter { $0["type"] as? String == "snapshot" } }

    /// Waits until `condition` holds on the probe (at most `timeout` seconds).
    func waitUntil(timeout: Double = 10, _ condition: (DashboardProbe) -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(self) { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return condition(self)
    }

    /// Sends a text message once the socket is open.
    func send(_ text: String) async throws {
        for _ in 0..<250 {
            if let outbound = writer.withLock({ $0 }) {
                try await outbound.write(.text(text))
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestProbeError("the socket never opened")
    }

    /// Whether the connection has ended (closed by either side or failed).
    var hasEnded: Bool { ended.withLock { $0 } }

    /// The server's close frame, once the connection ends (at most `timeout` seconds).
    func closeFrame(timeout: Double = 10) async throws -> WebSocketCloseFrame? {
        let connection = connection
        return try await withThrowingTaskGroup(of: WebSocketCloseFrame?.self) { group in
            group.addTask { try await connection.value }
            group.addTask {
                try await Task.sleep(for: .seconds(timeout))
                connection.cancel()
                throw TestProbeError("the server did not close the socket within \(timeout) s")
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }

    /// Closes from the client's side.
    func disconnect() async {
        if let outbound = writer.withLock({ $0 }) { try? await outbound.close(.normalClosure, reason: nil) }
        _ = try? await connection.value
    }
}

struct TestProbeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
