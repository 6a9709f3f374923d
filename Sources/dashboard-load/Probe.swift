// One dashboard client of the load: reads only the fields it checks (FrameScanner, or Codable) and
// keeps its own counters and latencies (merged once the run ends).

import Foundation
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
    /// The server granted the WebSocket upgrade.
    var upgraded = false
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

/// One client: its counters, and what each of its frames says. Frames arrive on the client's
/// event loop (`ProbeHandler`); the bench's main task reads the counters.
final class Probe: Sendable {
    let finalState: String
    let codable: Bool
    let keepsArrivals: Bool
    private let finalBytes: [UInt8]
    private let stats = Mutex(ProbeStats())
    /// The next sequence number expected; 0 before the first snapshot.
    private let expected = Mutex<UInt64>(0)

    init(finalState: String, codable: Bool, keepsArrivals: Bool) {
        self.finalState = finalState
        self.codable = codable
        self.keepsArrivals = keepsArrivals
        finalBytes = Array(finalState.utf8)
    }

    var isReady: Bool { stats.withLock { $0.ready } }
    var isUpgraded: Bool { stats.withLock { $0.upgraded } }
    var hasEnded: Bool { stats.withLock { $0.ended } }
    var snapshot: ProbeStats { stats.withLock { $0 } }

    /// Reads one text frame that arrived at `arrivedMs` (epoch ms); true when the server asked
    /// for a pong.
    func receive(_ bytes: UnsafeBufferPointer<UInt8>, arrivedMs: Double) -> Bool {
        let frame: ScannedFrame
        do {
            frame =
                codable
                ? try Self.decode(Data(buffer: bytes), JSONDecoder(), finalState: finalState)
                : try FrameScanner.scan(bytes, finalState: finalBytes)
        } catch {
            stats.withLock { $0.undecodable += 1 }
            return false
        }
        switch frame.kind {
        case .snapshot:
            expected.withLock { $0 = (frame.seq ?? $0) + 1 }
            stats.withLock {
                $0.snapshots += 1
                $0.ready = true
            }
        case .events:
            let expected = expected.withLock { expected in
                defer { expected = (frame.seq ?? expected) + UInt64(frame.events) }
                return expected
            }
            let first = frame.seq ?? expected
            stats.withLock {
                if expected != 0 {
                    if first > expected { $0.missed += first - expected } else if first < expected { $0.backwards += 1 }
                }
                $0.events += frame.events
                $0.eventFrames += 1
                $0.orderEvents += frame.orderEvents
                $0.finalOrders.formUnion(frame.finals)
                for at in frame.orderAts {
                    $0.latenciesMicros.append(Int32(clamping: Int64(((arrivedMs - Double(at)) * 1000).rounded())))
                }
                if keepsArrivals {
                    for txid in frame.orderTxids {
                        $0.arrivals.append(Arrival(txid: txid, arrivedMs: arrivedMs, sentMs: frame.sent ?? 0))
                    }
                }
            }
        case .ping:
            stats.withLock { $0.pings += 1 }
            return true
        case .other:
            break
        }
        return false
    }

    /// The same reading through Codable (`--codable`).
    static func decode(_ data: Data, _ decoder: JSONDecoder, finalState: String) throws -> ScannedFrame {
        let decoded = try decoder.decode(Frame.self, from: data)
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

    func upgraded() { stats.withLock { $0.upgraded = true } }

    func ended(close: String? = nil, error: String? = nil) {
        stats.withLock {
            guard !$0.ended else { return }
            $0.ended = true
            $0.close = close
            $0.error = error
        }
    }
}
