// `/ws`: one dashboard client. On connect: the token (cookie or bearer header) and the origin are
// checked, then the client gets a snapshot numbered `seq`, then its events as
// `{"type":"events","seq":first,"sent":ms,"events":[…]}` frames, each event taking the next
// number, so a client sees a gap at once and asks for a resync. The server pings every 30 s; a client silent
// for 75 s, a flood, an unknown message or a client that keeps falling behind is closed with a
// clear reason.

import Domain
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOWebSocket
import Queue
import Store

/// Serves one dashboard socket.
struct DashboardSocket: Sendable {
    let tokens: DashboardTokens?
    let reader: DashboardReader
    let hub: DashboardHub
    let settings: DashboardSettings

    /// When the client was last heard from, and the connection's resyncs in the last minute.
    private final class Liveness: Sendable {
        private let state: Locked<(heard: Double, resyncs: [Double])>
        init(now: Double) { state = Locked((now, [])) }
        func heard(at now: Double) { state.withLock { $0.heard = now } }
        var lastHeard: Double { state.withLock { $0.heard } }
        /// Records a server-initiated resync; returns how many happened in the last minute.
        func resynced(at now: Double) -> Int {
            state.withLock {
                $0.resyncs.removeAll { now - $0 >= 60 }
                $0.resyncs.append(now)
                return $0.resyncs.count
            }
        }
    }

    func handle(_ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter, request: Request, logger: Logger) async {
        let viewer: DashboardViewer
        do {
            guard DashboardCredentials.isSameOrigin(request) else { throw DashboardCloseReason.foreignOrigin }
            guard let tokens else { throw DashboardCloseReason.unauthorized("the dashboard is not configured (CF_DASHBOARD_SECRET)") }
            guard let token = DashboardCredentials.token(in: request) else {
                throw DashboardCloseReason.unauthorized(DashboardAuthError.missing.description)
            }
            do {
                viewer = try await tokens.verify(token)
            } catch {
                throw DashboardCloseReason.unauthorized(error.description)
            }
        } catch {
            await close(outbound, error as? DashboardCloseReason ?? .unauthorized("refused"))
            return
        }
        let audience: DashboardAudience
        do {
            audience = try await reader.audience(of: viewer)
        } catch {
            logger.warning("dashboard: audience unavailable", metadata: ["error": "\(error)"])
            try? await outbound.close(.unexpectedServerError, reason: "the dashboard's data is unavailable; retry shortly")
            return
        }
        let client = hub.connect(audience)
        defer { hub.disconnect(client) }
        let liveness = Liveness(now: Self.now())
        client.mailbox.requestResync()
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.write(client, viewer: viewer, liveness: liveness, to: outbound) }
                group.addTask { try await self.watch(client, viewer: viewer, liveness: liveness) }
                group.addTask { try await self.read(inbound, client: client, liveness: liveness) }
                try await group.next()
                group.cancelAll()
            }
            try? await outbound.close(.normalClosure, reason: nil)
        } catch let reason as DashboardCloseReason {
            logger.info("dashboard: client closed", metadata: ["reason": "\(reason.text)", "subject": "\(viewer.subject)"])
            await close(outbound, reason)
        } catch {
            logger.debug("dashboard: socket ended", metadata: ["error": "\(error)"])
        }
    }

    /// Sends the snapshot, events and pings the mailbox hands out, numbering each message.
    private func write(_ client: DashboardClient, viewer: DashboardViewer, liveness: Liveness, to outbound: WebSocketOutboundWriter) async throws {
        var seq: UInt64 = 0
        var firstSnapshot = true
        var visible: TransactionSnapshot?
        while let items = await client.mailbox.next() {
            for item in items {
                switch item {
                case .ping:
                    try await outbound.write(.text(#"{"type":"ping","at":\#(Int64(Self.now() * 1000))}"#))
                case .resync:
                    if !firstSnapshot {
                        let count = liveness.resynced(at: Self.now())
                        if count > settings.resyncsPerMinute { throw DashboardCloseReason.tooSlow(resyncs: count) }
                    }
                    firstSnapshot = false
                    seq += 1
                    let (snapshot, included) = try await reader.snapshot(for: client.audience, viewer: viewer, seq: seq)
                    visible = included
                    try await outbound.write(.text(snapshot))
                case .events(let batches):
                    let sentAt = Int64(Self.now() * 1000)
                    guard let frame = EventsFrame(first: seq + 1, sentAt: sentAt, batches: batches, visible: visible) else { continue }
                    seq += UInt64(frame.count)
                    try await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .text, data: frame.text)))
                }
            }
        }
    }

    /// Pings on schedule; closes a silent client and an expired token.
    private func watch(_ client: DashboardClient, viewer: DashboardViewer, liveness: Liveness) async throws {
        let tick = min(settings.pingInterval, settings.silenceLimit / 5)
        let silence = settings.silenceLimit.inSeconds
        let pingEvery = settings.pingInterval.inSeconds
        var lastPing = Self.now()
        while true {
            try await Task.sleep(for: tick)
            let now = Self.now()
            if now - liveness.lastHeard > silence { throw DashboardCloseReason.silent(seconds: Int(silence.rounded())) }
            if now >= viewer.expiresAt.timeIntervalSince1970 {
                throw DashboardCloseReason.unauthorized(DashboardAuthError.expired.description)
            }
            if now - lastPing >= pingEvery {
                lastPing = now
                client.mailbox.requestPing()
            }
        }
    }

    /// Reads the client's messages until it closes.
    private func read(_ inbound: WebSocketInboundStream, client: DashboardClient, liveness: Liveness) async throws {
        var gate = FloodGate(limit: settings.messagesPer10Seconds)
        for try await message in inbound.messages(maxSize: settings.maxFrameBytes) {
            let now = Self.now()
            liveness.heard(at: now)
            guard gate.admit(at: now) else { throw DashboardCloseReason.flood(limit: settings.messagesPer10Seconds) }
            guard case .text(let text) = message else { throw DashboardCloseReason.badMessage("binary messages are not accepted") }
            switch try ClientMessage.parse(text) {
            case .pong: break
            case .resync: client.mailbox.requestResync()
            }
        }
    }

    private func close(_ outbound: WebSocketOutboundWriter, _ reason: DashboardCloseReason) async {
        try? await outbound.close(.init(codeNumber: reason.code), reason: reason.text)
    }

    private static func now() -> Double { Date().timeIntervalSince1970 }
}
