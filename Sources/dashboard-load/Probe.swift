// One dashboard client of the load: decodes only the fields it checks, keeps its own counters
// and latencies (merged once the run ends).

import Foundation
import HummingbirdWSClient
import Synchronization

/// The fields of a server message the load looks at.
struct Frame: Decodable {
    var type: String
    var seq: UInt64?
    var events: [Event]?

    struct Event: Decodable {
        var type: String
        var at: Double?
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
    var ready = false
    var ended = false
    var close: String?
    var error: String?
}

final class Probe: Sendable {
    let finalState: String
    private let stats = Mutex(ProbeStats())
    private let writer = Mutex<WebSocketOutboundWriter?>(nil)

    init(finalState: String) {
        self.finalState = finalState
    }

    var isReady: Bool { stats.withLock { $0.ready } }
    var hasEnded: Bool { stats.withLock { $0.ended } }
    var snapshot: ProbeStats { stats.withLock { $0 } }

    func attach(_ outbound: WebSocketOutboundWriter) { writer.withLock { $0 = outbound } }

    func consume(_ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter) async throws {
        let decoder = JSONDecoder()
        var expected: UInt64 = 0  // the next sequence number; 0 before the first snapshot
        var latencies: [Int32] = []
        latencies.reserveCapacity(1 << 14)
        for try await message in inbound.messages(maxSize: 1 << 24) {
            let arrivedMs = Date().timeIntervalSince1970 * 1000
            guard case .text(let text) = message else { continue }
            guard let frame = try? decoder.decode(Frame.self, from: Data(text.utf8)) else {
                stats.withLock { $0.undecodable += 1 }
                continue
            }
            switch frame.type {
            case "snapshot":
                expected = (frame.seq ?? expected) + 1
                stats.withLock {
                    $0.snapshots += 1
                    $0.ready = true
                }
            case "events":
                let events = frame.events ?? []
                let first = frame.seq ?? expected
                var orderEvents = 0
                var finals: [Int64] = []
                for event in events {
                    guard let order = event.order, event.type.hasPrefix("order.") else { continue }
                    orderEvents += 1
                    if let at = event.at {
                        latencies.append(Int32(clamping: Int64(((arrivedMs - at) * 1000).rounded())))
                    }
                    if order.state == finalState { finals.append(order.id) }
                }
                stats.withLock {
                    if expected != 0 {
                        if first > expected { $0.missed += first - expected } else if first < expected { $0.backwards += 1 }
                    }
                    $0.events += events.count
                    $0.orderEvents += orderEvents
                    $0.finalOrders.formUnion(finals)
                    if latencies.count >= 1 << 12 {
                        $0.latenciesMicros.append(contentsOf: latencies)
                        latencies.removeAll(keepingCapacity: true)
                    }
                }
                expected = first + UInt64(events.count)
            case "ping":
                stats.withLock { $0.pings += 1 }
                try await outbound.write(.text(#"{"type":"pong"}"#))
            default:
                break
            }
        }
        stats.withLock { $0.latenciesMicros.append(contentsOf: latencies) }
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
