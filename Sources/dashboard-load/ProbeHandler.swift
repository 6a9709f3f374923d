// The end of one client's channel pipeline, after the WebSocket upgrade: each frame is stamped as
// the event loop reads it (before any other work of this client's), handed to its `Probe`, and a
// ping (the dashboard's JSON one, or a WebSocket control frame) answered. No task, stream or
// copy per frame: 200 of these share two event-loop threads and stay far from the cores the fleet
// needs (HummingbirdWSClient's per-client tasks and async iteration took about twice the CPU).

import Foundation
import NIOCore
import NIOWebSocket

final class ProbeHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let probe: Probe
    /// A text message whose later fragments are still to come.
    private var fragments: ByteBuffer?

    init(probe: Probe) {
        self.probe = probe
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let arrivedMs = Date().timeIntervalSince1970 * 1000
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text where frame.fin:
            receive(frame.unmaskedData, arrivedMs: arrivedMs, context: context)
        case .text:
            fragments = frame.unmaskedData
        case .continuation:
            guard var message = fragments else { return }
            var data = frame.unmaskedData
            message.writeBuffer(&data)
            if frame.fin {
                fragments = nil
                receive(message, arrivedMs: arrivedMs, context: context)
            } else {
                fragments = message
            }
        case .ping:
            send(.pong, frame.unmaskedData, context: context)
        case .connectionClose:
            var data = frame.unmaskedData
            let code = data.readWebSocketErrorCode().map { "\($0)" } ?? "no code"
            let reason = data.readString(length: data.readableBytes).flatMap { $0.isEmpty ? nil : " \($0)" } ?? ""
            probe.ended(close: code + reason)
            send(.connectionClose, ByteBuffer(), context: context)
            context.close(promise: nil)
        default:
            break
        }
    }

    func handlerAdded(context: ChannelHandlerContext) {
        probe.upgraded()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        probe.ended(error: "\(error)")
        context.close(promise: nil)
    }

    private func receive(_ message: ByteBuffer, arrivedMs: Double, context: ChannelHandlerContext) {
        let pong = message.withUnsafeReadableBytes { raw in
            probe.receive(raw.bindMemory(to: UInt8.self), arrivedMs: arrivedMs)
        }
        if pong { send(.text, ByteBuffer(string: #"{"type":"pong"}"#), context: context) }
    }

    /// Writes one masked frame (a client must mask what it sends).
    private func send(_ opcode: WebSocketOpcode, _ data: ByteBuffer, context: ChannelHandlerContext) {
        let frame = WebSocketFrame(fin: true, opcode: opcode, maskKey: .random(), data: data)
        context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
    }
}
