// `creatorflow queues`: each queue's size, in-flight, scheduled, latency, and fleet counters.

import ArgumentParser
import Foundation
import Queue

struct QueuesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queues", abstract: "Show, pause and resume queues.",
        subcommands: [QueuesShow.self, Pause.self, Resume.self], defaultSubcommand: QueuesShow.self)

    struct Pause: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pause a queue fleet-wide (workers stop taking its jobs).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Queue name.") var name: String
        func run() throws {
            try common.admin(try common.load()).setPaused(true, queue: name)
            print("paused \(name)")
        }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resume a paused queue.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Queue name.") var name: String
        func run() throws {
            try common.admin(try common.load()).setPaused(false, queue: name)
            print("resumed \(name)")
        }
    }
}

struct QueuesShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show queues and fleet counters.")

    @OptionGroup var common: CommonOptions

    @Flag(help: "Print the stable JSON form.")
    var json = false

    func run() throws {
        let fleet = try common.load()
        let snapshot = try common.admin(fleet).snapshot(now: Date().timeIntervalSince1970, countQueuedKinds: true)
        if json {
            try JSONOutput.print(snapshot)
            return
        }
        var rows = [["QUEUE", "SIZE", "IN-FLIGHT", "SCHEDULED", "RETRIES", "DEAD", "LATENCY", "PAUSED"]]
        for q in snapshot.queues {
            rows.append([q.name, "\(q.size)", "\(q.inFlight)", "\(q.scheduled)", "\(q.retries)", "\(q.dead)",
                         String(format: "%.1fs", q.latencySeconds), q.paused ? "yes" : "no"])
        }
        print(Table.render(rows))
        print("processed=\(snapshot.processed) failed=\(snapshot.failed) retried=\(snapshot.retried) dead=\(snapshot.dead)")
    }
}

enum Table {
    /// Left-aligned columns separated by two spaces.
    static func render(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        let widths = (0..<first.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
