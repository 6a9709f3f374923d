// `dashboard-load`: the load client of `ops/bench dashboard` (not shipped). Opens CLIENTS
// WebSocket connections to `/ws` with one bearer token (SwiftNIO, sharing two event-loop threads by
// default), checks every client's sequence numbers and measures, for each order event, the time
// from its `at` (PostgreSQL's clock when the change was made, epoch ms) to the frame's arrival
// (this machine's clock, the same one).
//
// Protocol with the bench: once every client has its first snapshot, prints `ready` on stdout;
// runs until stdin closes (or --max-seconds), then closes the sockets and prints one JSON line
// with the summary (latency percentiles, per-client spreads of events, gaps, resyncs, orders seen
// shipped, close codes).

import ArgumentParser
import Foundation
import NIOPosix

@main
struct DashboardLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard-load", abstract: "WebSocket clients of the live dashboard, for ops/bench dashboard.")

    @Option(help: "The socket's URL.") var url = "ws://127.0.0.1:8080/ws"
    @Option(help: "The bearer token (or set CF_DASHBOARD_TOKEN).") var token: String?
    @Option(help: "How many clients.") var clients = 200
    @Option(help: "Event-loop threads the clients share.") var threads = 2
    @Option(help: "Seconds allowed for every client to get its first snapshot.") var connectTimeout = 60.0
    @Option(help: "Stop after this many seconds even if stdin stays open.") var maxSeconds = 3600.0
    @Option(help: "The order state every order reaches last (counted per client).") var finalState = "shipped"
    @Flag(help: "Decode frames with JSONDecoder (Codable) instead of the scanner (several times the CPU).") var codable = false
    @Option(
        help: """
            Write each order event's delivery as a line `txid arrival_epoch_ms sent_epoch_ms` to this \
            file at the end (the bench joins them with PostgreSQL's commit timestamps).
            """)
    var arrivals: String?

    func run() async throws {
        guard let token = token ?? ProcessInfo.processInfo.environment["CF_DASHBOARD_TOKEN"] else {
            throw ValidationError("--token or CF_DASHBOARD_TOKEN is required")
        }
        let address = try DashboardURL(url)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        let started = Date()
        let probes = (0..<clients).map { _ in Probe(finalState: finalState, codable: codable, keepsArrivals: arrivals != nil) }
        var connections: [DashboardConnection] = []
        for probe in probes {
            do {
                connections.append(
                    try await DashboardConnection.open(
                        address, token: token, maxFrameSize: 1 << 24, probe: probe, group: group))
            } catch {
                probe.ended(error: "\(error)")
            }
        }
        // Ready once every client holds its first snapshot (or the timeout passed).
        let deadline = Date().addingTimeInterval(connectTimeout)
        while Date() < deadline, probes.contains(where: { !$0.isReady && !$0.hasEnded }) {
            try await Task.sleep(for: .milliseconds(50))
        }
        let readyCount = probes.filter(\.isReady).count
        let connectSeconds = Date().timeIntervalSince(started)
        Self.emit("ready \(readyCount) \(String(format: "%.2f", connectSeconds))")

        await Self.waitForStdinEOF(maxSeconds: maxSeconds)
        for connection in connections { connection.close() }
        let closing = Date().addingTimeInterval(10)
        while Date() < closing, probes.contains(where: { !$0.hasEnded }) {
            try await Task.sleep(for: .milliseconds(50))
        }
        for connection in connections { connection.abort() }
        try await group.shutdownGracefully()
        if let arrivals { try Self.write(probes.map(\.snapshot.arrivals), to: arrivals) }
        let summary = Summary(probes: probes, connected: readyCount, connectSeconds: connectSeconds)
        let data = try JSONEncoder().encode(summary)
        Self.emit(String(decoding: data, as: UTF8.self))
    }

    /// Writes every delivery as `txid arrival_ms` lines.
    static func write(_ arrivals: [[Arrival]], to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            throw ValidationError("cannot write \(path)")
        }
        defer { try? file.close() }
        var chunk = ""
        for arrival in arrivals.joined() {
            chunk += "\(arrival.txid) \(String(format: "%.3f", arrival.arrivedMs)) \(arrival.sentMs)\n"
            if chunk.utf8.count >= 1 << 20 {
                file.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        file.write(Data(chunk.utf8))
    }

    /// One line on stdout, at once (the bench reads it through a pipe).
    static func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Returns when stdin reaches end of file (the bench closed it) or after `maxSeconds`.
    static func waitForStdinEOF(maxSeconds: Double) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = Once(continuation)
            Thread.detachNewThread {
                while let line = readLine(strippingNewline: true) { _ = line }
                once.resume()
            }
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: maxSeconds)
                once.resume()
            }
        }
    }
}

/// Resumes a continuation once.
final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Void, Never>?
    init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = continuation }
    func resume() {
        lock.lock()
        let pending = continuation
        continuation = nil
        lock.unlock()
        pending?.resume()
    }
}
