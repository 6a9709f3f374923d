// One dashboard client of the load: reads only the fields it checks (FrameScanner, or Codable), keeps its own counters
// and latencies (merged once the run ends).

import Foundation
import HummingbirdWSClient
import Synchronization

/// The fields of a server message the load looks at.
struct Frame: Decodable {
    var type: String
    var seq: UInt64?
    var sent: Int64?
    var events: [Event]?

    struct Event: Decodable {
        var type: String
        var at: Double?
        var txid: Int64?
        var order: Order?
    }

    struct Order: Decodable {
        var id: Int64
        var state: String?
    }
}

/// One client's counters.
struct ProbeStats: Sendable {
    var snapshots = 0
    var events = 0
    /// `events` frames received.
    var eventFrames = 0
    var orderEvents = 0
    /// Events the sequence numbers say never arrived.
    var missed: UInt64 = 0
    /// Frames numbered below what was expected (duplicates, reordering).
    var backwards = 0
    var pings = 0
    var undecodable = 0
    var finalOrders = Set<Int64>()
    /// Order event latencies in microseconds (`at` → frame arrival).
    var latenciesMicros: [Int32] = []
    /// Each order event's transaction and arrival (epoch ms), kept with `--arrivals` only.
    var arrivals: [Arrival] = []
    var ready = false
    var ended = false
    var close: String?
    var error: String?
}

/// One order event's delivery: the transaction that sent it and when its frame arrived.
struct Arrival: Sendable {
    var txid: Int64
    var arrivedMs: Double
    /// When the server wrote the frame (epoch ms), if it said.
    var sentMs: Int64
}

final class Probe: Sendable {
    let finalState: String
    let codable: Bool
    let keepsArrivals: Bool
    private let stats = Mutex(ProbeStats())
    private let writer = Mutex<WebSocketOutboundWriter?>(nil)

    init(finalState: String, codable: Bool, keepsArrivals: Bool) {
        self.finalState = finalState
        self.codable = codable
        self.keepsArrivals = keepsArrivals
    }

    var isReady: Bool { stats.withLock { $0.ready } }
    var hasEnded: Bool { stats.withLock { $0.ended } }
    var snapshot: ProbeStats { stats.withLock { $0 } }

    func attach(_ outbound: WebSocketOutboundWriter) { writer.withLock { $0 = outbound } }

    func consume(_ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter) async throws {
        let decoder = JSONDecoder()
        let finalBytes = Array(finalState.utf8)
        var expected: UInt64 = 0  // the next sequence number; 0 before the first snapshot
        var latencies: [Int32] = []
        latencies.reserveCapacity(1 << 14)
        var arrivals: [Arrival] = []
        for try await message in inbound.messages(maxSize: 1 << 24) {
            let arrivedMs = Date().timeIntervalSince1970 * 1000
            guard case .text(let text) = message else { continue }
            let frame: ScannedFrame
            do {
                frame = codable ? try Self.decode(text, decoder, finalState: finalState) : try FrameScanner.scan(text, finalState: finalBytes)
            } catch {
                stats.withLock { $0.undecodable += 1 }
                continue
            }
            switch frame.kind {
            case .snapshot:
                expected = (frame.seq ?? expected) + 1
                stats.withLock {
                    $0.snapshots += 1
                    $0.ready = true
                }
            case .events:
                let first = frame.seq ?? expected
                for at in frame.orderAts {
                    latencies.append(Int32(clamping: Int64(((arrivedMs - Double(at)) * 1000).rounded())))
                }
                if keepsArrivals {
                    for txid in frame.orderTxids {
                        arrivals.append(Arrival(txid: txid, arrivedMs: arrivedMs, sentMs: frame.sent ?? 0))
                    }
                }
                stats.withLock {
                    if expected != 0 {
                        if first > expected { $0.missed += first - expected } else if first < expected { $0.backwards += 1 }
                    }
                    $0.events += frame.events
                    $0.eventFrames += 1
                    $0.orderEvents += frame.orderEvents
                    $0.finalOrders.formUnion(frame.finals)
                    if latencies.count >= 1 << 12 {
                        $0.latenciesMicros.append(contentsOf: latencies)
                        latencies.removeAll(keepingCapacity: true)
                    }
                    if arrivals.count >= 1 << 12 {
                        $0.arrivals.append(contentsOf: arrivals)
                        arrivals.removeAll(keepingCapacity: true)
                    }
                }
                expected = first + UInt64(frame.events)
            case .ping:
                stats.withLock { $0.pings += 1 }
                try await outbound.write(.text(#"{"type":"pong"}"#))
            case .other:
                break
            }
        }
        stats.withLock {
            $0.latenciesMicros.append(contentsOf: latencies)
            $0.arrivals.append(contentsOf: arrivals)
        }
    }

    /// The same reading through Codable (`--codable`).
    static func decode(_ text: String, _ decoder: JSONDecoder, finalState: String) throws -> ScannedFrame {
        let decoded = try decoder.decode(Frame.self, from: Data(text.utf8))
        var frame = ScannedFrame()
        switch decoded.type {
        case "snapshot": frame.kind = .snapshot
        case "events": frame.kind = .events
        case "ping": frame.kind = .ping
        default: frame.kind = .other
        }
        frame.seq = decoded.seq
        frame.sent = decoded.sent
        let events = decoded.events ?? []
        frame.events = events.count
        for event in events {
            guard let order = event.order, event.type.hasPrefix("order.") else { continue }
            frame.orderEvents += 1
            if let at = event.at { frame.orderAts.append(Int64(at)) }
            if let txid = event.txid { frame.orderTxids.append(txid) }
            if order.state == finalState { frame.finals.append(order.id) }
        }
        return frame
    }

    func ended(close: String? = nil, error: String? = nil) {
        stats.withLock {
            $0.ended = true
            $0.close = close
            $0.error = error
        }
    }

    /// Closes the socket from the client's side.
    func close() async {
        if let outbound = writer.withLock({ $0 }) { try? await outbound.close(.normalClosure, reason: nil) }
    }
}
