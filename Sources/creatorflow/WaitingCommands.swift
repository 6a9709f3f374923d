// `creatorflow retries …` and `creatorflow scheduled list`: jobs waiting for their time.

import ArgumentParser
import Foundation
import Queue

struct WaitingRow: Encodable {
    var id: String
    var queue: String
    var kind: String
    var attempt: Int
    var runAt: Double
    var lastError: String?

    init(_ job: WaitingJob) {
        id = job.envelope?.id ?? "<undecodable>"
        queue = job.queue
        kind = job.envelope?.kind ?? "<undecodable>"
        attempt = job.envelope?.attempt ?? 0
        runAt = job.runAt
        lastError = job.envelope?.lastError
    }
}

func printWaiting(_ jobs: [WaitingJob], json: Bool) throws {
    let rows = jobs.map(WaitingRow.init)
    if json {
        try JSONOutput.print(rows)
        return
    }
    let now = Date().timeIntervalSince1970
    var table = [["ID", "QUEUE", "KIND", "ATTEMPT", "RUNS IN", "LAST ERROR"]]
    for r in rows {
        table.append([r.id, r.queue, r.kind, "\(r.attempt)", String(format: "%.0fs", max(0, r.runAt - now)), String((r.lastError ?? "").prefix(60))])
    }
    print(Table.render(table))
}

struct RetriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retries", abstract: "Failed jobs waiting for their retry.",
        subcommands: [List.self, RetryNow.self, Delete.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List retries, soonest first.")
        @OptionGroup var common: CommonOptions
        @Flag(help: "JSON output.") var json = false
        func run() throws {
            try printWaiting(try common.admin(try common.load()).waitingJobs(.retry), json: json)
        }
    }

    struct RetryNow: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "retry-now", abstract: "Run retries now.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Job ids.") var ids: [String] = []
        @Flag(help: "Every retry.") var all = false
        func validate() throws { if ids.isEmpty && !all { throw ValidationError("name job ids or use --all") } }
        func run() throws {
            try moveWaiting(.retry, common: common, ids: ids, all: all) { admin, queue, raws in
                try admin.runNow(.retry, queue: queue, raws: raws)
            }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete retries (the jobs are dropped).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Job ids.") var ids: [String]
        func run() throws {
            try moveWaiting(.retry, common: common, ids: ids, all: false) { admin, queue, raws in
                try admin.deleteWaiting(.retry, queue: queue, raws: raws)
            }
        }
    }
}

/// Applies `action` to the waiting jobs with `ids` (or all), per queue; fails on unknown ids.
func moveWaiting(
    _ set: WaitingSet, common: CommonOptions, ids: [String], all: Bool,
    action: (QueueAdmin, String, [String]) throws -> Int
) throws {
    let admin = try common.admin(try common.load())
    let wanted = Set(ids)
    let chosen = try admin.waitingJobs(set, limit: 100_000).filter { all || wanted.contains($0.envelope?.id ?? "") }
    var done = 0
    for (queue, jobs) in Dictionary(grouping: chosen, by: \.queue) { done += try action(admin, queue, jobs.map(\.raw)) }
    print("\(done) job(s)")
    let missing = wanted.subtracting(chosen.compactMap(\.envelope?.id))
    if !missing.isEmpty { throw ValidationError("no \(set.rawValue) job with id \(missing.sorted().joined(separator: ", "))") }
}

struct ScheduledCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduled", abstract: "Delayed jobs waiting for their run time.",
        subcommands: [List.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List delayed jobs, soonest first.")
        @OptionGroup var common: CommonOptions
        @Flag(help: "JSON output.") var json = false
        func run() throws {
            try printWaiting(try common.admin(try common.load()).waitingJobs(.scheduled), json: json)
        }
    }
}
