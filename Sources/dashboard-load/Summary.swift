// The JSON line `dashboard-load` ends with: latency percentiles over every client's order events,
// and each client's counters (the bench compares them with what PostgreSQL recorded).

import Foundation

struct Summary: Encodable {
    var clients: Int
    var connected: Int
    var connectSeconds: Double
    var latencySamples: Int
    var p50Ms: Double
    var p90Ms: Double
    var p99Ms: Double
    var p999Ms: Double
    var maxMs: Double
    /// Per client, in connection order.
    var events: [Int]
    var eventFrames: [Int]
    var orderEvents: [Int]
    var finalOrders: [Int]
    var missed: [UInt64]
    var resyncs: [Int]
    var backwards: [Int]
    var undecodable: Int
    var pings: Int
    /// How the connections ended: the server's close code and reason, or the client's error.
    var endings: [String: Int]

    init(probes: [Probe], connected: Int, connectSeconds: Double) {
        let stats = probes.map(\.snapshot)
        var all: [Int32] = []
        all.reserveCapacity(stats.reduce(0) { $0 + $1.latenciesMicros.count })
        for s in stats { all.append(contentsOf: s.latenciesMicros) }
        all.sort()
        func pct(_ p: Double) -> Double {
            guard !all.isEmpty else { return 0 }
            return Double(all[min(all.count - 1, Int(p * Double(all.count)))]) / 1000
        }
        clients = probes.count
        self.connected = connected
        self.connectSeconds = connectSeconds
        latencySamples = all.count
        p50Ms = pct(0.50)
        p90Ms = pct(0.90)
        p99Ms = pct(0.99)
        p999Ms = pct(0.999)
        maxMs = all.last.map { Double($0) / 1000 } ?? 0
        events = stats.map(\.events)
        eventFrames = stats.map(\.eventFrames)
        orderEvents = stats.map(\.orderEvents)
        finalOrders = stats.map(\.finalOrders.count)
        missed = stats.map(\.missed)
        resyncs = stats.map { max(0, $0.snapshots - 1) }
        backwards = stats.map(\.backwards)
        undecodable = stats.reduce(0) { $0 + $1.undecodable }
        pings = stats.reduce(0) { $0 + $1.pings }
        var endings: [String: Int] = [:]
        for s in stats { endings[s.error ?? s.close ?? (s.ended ? "ended" : "still open"), default: 0] += 1 }
        self.endings = endings
    }
}
