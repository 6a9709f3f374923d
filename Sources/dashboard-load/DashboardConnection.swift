// One client's socket: a TCP connection, the HTTP upgrade to a WebSocket with the bearer token,
// then `ProbeHandler` for every frame. Closing sends a close frame and lets the server answer.

import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// Where the clients connect: host, port and path of a `ws://` URL.
struct DashboardURL {
    let host: String
    let port: Int
    let path: String

    init(_ url: String) throws {
        guard let parsed = URL(string: url), parsed.scheme == "ws", let host = parsed.host else {
            throw DashboardConnectionError("expected a ws:// URL, got \(url)")
        }
        self.host = host
        port = parsed.port ?? 80
        path = parsed.path.isEmpty ? "/" : parsed.path
    }
}

struct DashboardConnectionError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One open client socket.
struct DashboardConnection {
    let channel: any Channel

    /// Connects and asks for the upgrade; the probe hears of every frame once it is granted, and
    /// of the ending in any case.
    static func open(
        _ address: DashboardURL, token: String, maxFrameSize: Int, probe: Probe, group: any EventLoopGroup
    ) async throws -> DashboardConnection {
        let upgrader = NIOWebSocketClientUpgrader(maxFrameSize: maxFrameSize) { channel, _ in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(ProbeHandler(probe: probe))
            }
        }
        let channel = try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers(
                        withClientUpgrade: (upgraders: [upgrader], completionHandler: { _ in }))
                }
            }
            .connect(host: address.host, port: address.port).get()
        channel.closeFuture.whenComplete { _ in
            probe.ended(error: probe.isUpgraded ? "closed without a close frame" : "closed before the upgrade")
        }
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: "\(address.host):\(address.port)")
        headers.add(name: "Authorization", value: "Bearer \(token)")
        headers.add(name: "Content-Length", value: "0")
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: address.path, headers: headers)
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        try await channel.writeAndFlush(HTTPClientRequestPart.end(nil)).get()
        return DashboardConnection(channel: channel)
    }

    /// Sends a normal close; the server's answer ends the connection.
    func close() {
        var reason = ByteBuffer()
        reason.write(webSocketErrorCode: .normalClosure)
        let frame = WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: reason)
        channel.writeAndFlush(frame, promise: nil)
    }

    /// Closes the socket without a handshake.
    func abort() {
        channel.close(promise: nil)
    }
}
