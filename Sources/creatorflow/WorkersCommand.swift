// `creatorflow workers`: live worker processes from their heartbeats.

import ArgumentParser
import Foundation
import Queue

struct WorkersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workers", abstract: "Show worker processes: host, pid, queues, heartbeat, busy slots.")

    @OptionGroup var common: CommonOptions
    @Flag(help: "JSON output.") var json = false

    func run() throws {
        let workers = try common.admin(try common.load()).workers()
        if json {
            try JSONOutput.print(workers)
            return
        }
        let now = Date().timeIntervalSince1970
        var rows = [["PROCESS", "HOST", "PID", "QUEUES", "STARTED", "HEARTBEAT", "BUSY", "RUNNING"]]
        for w in workers {
            rows.append([
                w.process, w.host, "\(w.pid)", w.queues.joined(separator: ","),
                Date(timeIntervalSince1970: w.startedAt).formatted(.iso8601), String(format: "%.1fs ago", now - w.heartbeatAt),
                "\(w.busy)/\(w.concurrency)\(w.quiet ? " quiet" : "")",
                w.running.map { "\($0.kind):\($0.id.prefix(8))" }.joined(separator: " "),
            ])
        }
        print(Table.render(rows))
    }
}
