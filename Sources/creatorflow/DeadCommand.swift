// `creatorflow dead …`: inspect and fix dead letters — list, show, retry, delete, purge, group.

import ArgumentParser
import Foundation
import Queue

struct DeadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dead", abstract: "Inspect, retry and delete dead letters.",
        subcommands: [List.self, Show.self, Retry.self, Delete.self, Purge.self, Group.self])

    /// Filters shared by list and retry.
    struct Filters: ParsableArguments {
        @Option(help: "Only this queue.") var queue: String?
        @Option(help: "Only this job kind.") var kind: String?
        @Option(help: "Only errors containing this text (case-insensitive).") var error: String?
        @Option(help: "Only letters that died at least this long ago (e.g. 2h, 7d).") var olderThan: CLIDuration?
        @Option(help: "Only letters that died within this long (e.g. 30m).") var newerThan: CLIDuration?

        func matches(_ letter: DeadLetter, now: Double) -> Bool {
            if let queue, letter.queue != queue { return false }
            if let kind, letter.kind != kind { return false }
            if let error, !letter.error.localizedCaseInsensitiveContains(error) { return false }
            if let olderThan, now - letter.diedAt < olderThan.seconds { return false }
            if let newerThan, now - letter.diedAt > newerThan.seconds { return false }
            return true
        }

        var isEmpty: Bool { queue == nil && kind == nil && error == nil && olderThan == nil && newerThan == nil }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List dead letters, newest first.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var filters: Filters
        @Option(help: "Page number, from 1.") var page = 1
        @Option(help: "Letters per page.") var perPage = 50
        @Flag(help: "JSON output.") var json = false

        func validate() throws {
            if page < 1 || perPage < 1 { throw ValidationError("--page and --per-page must be at least 1") }
        }

        func run() throws {
            let admin = try common.admin(try common.load())
            let now = Date().timeIntervalSince1970
            let matching = try admin.allDeadLetters().filter { filters.matches($0, now: now) }
            let pageItems = Array(matching.dropFirst((page - 1) * perPage).prefix(perPage))
            if json {
                try JSONOutput.print(DeadPage(total: matching.count, page: page, perPage: perPage, letters: pageItems))
                return
            }
            var rows = [["ID", "QUEUE", "KIND", "ATTEMPTS", "DIED", "ERROR"]]
            for l in pageItems {
                rows.append([l.id, l.queue, l.kind, "\(l.attempts)", Self.age(now - l.diedAt), String(l.error.prefix(80))])
            }
            print(Table.render(rows))
            print("\(matching.count) dead letter(s); page \(page) of \(max(1, (matching.count + perPage - 1) / perPage))")
        }

        static func age(_ seconds: Double) -> String {
            switch seconds {
            case ..<120: return "\(Int(seconds))s ago"
            case ..<7200: return "\(Int(seconds / 60))m ago"
            case ..<172_800: return "\(Int(seconds / 3600))h ago"
            default: return "\(Int(seconds / 86_400))d ago"
            }
        }
    }

    struct DeadPage: Encodable {
        var total: Int
        var page: Int
        var perPage: Int
        var letters: [DeadLetter]
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one dead letter: envelope, error, attempt history.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Dead letter id (the job id).") var id: String
        @Flag(help: "JSON output.") var json = false

        func run() throws {
            let admin = try common.admin(try common.load())
            guard let letter = try admin.allDeadLetters().first(where: { $0.id == id }) else {
                throw ValidationError("no dead letter with id \(id)")
            }
            if json {
                try JSONOutput.print(letter)
                return
            }
            print("id:       \(letter.id)\nqueue:    \(letter.queue)\nkind:     \(letter.kind)")
            print("died:     \(Date(timeIntervalSince1970: letter.diedAt)) (after \(letter.attempts) attempt(s))")
            print("error:    \(letter.error)\nhistory:")
            for record in letter.history {
                print("  #\(record.attempt) \(Date(timeIntervalSince1970: record.at)) \(record.process ?? "-"): \(record.error)")
            }
            print("payload:  \(letter.payload)")
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put dead letters back on their queues.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Dead letter ids.") var ids: [String] = []
        @Flag(help: "Every dead letter (with the filters, if any).") var all = false
        @OptionGroup var filters: Filters
        @Flag(help: "Show what would be retried, change nothing.") var dryRun = false
        @Flag(help: "JSON output.") var json = false

        func validate() throws {
            if ids.isEmpty && !all && filters.isEmpty {
                throw ValidationError("name ids, or use --all, --kind, --error or another filter")
            }
        }

        func run() throws {
            let admin = try common.admin(try common.load())
            let now = Date().timeIntervalSince1970
            let wanted = Set(ids)
            let chosen = try admin.allDeadLetters().filter { letter in
                (wanted.isEmpty || wanted.contains(letter.id)) && filters.matches(letter, now: now)
            }
            let missing = wanted.subtracting(chosen.map(\.id))
            var retried = 0
            if !dryRun {
                for (queue, letters) in Dictionary(grouping: chosen, by: \.queue) {
                    retried += try admin.retryDead(queue: queue, ids: letters.map(\.id), now: now)
                }
            }
            if json {
                try JSONOutput.print(BulkResult(dryRun: dryRun, matched: chosen.map(\.id), done: retried, missing: missing.sorted()))
            } else {
                for letter in chosen { print("\(dryRun ? "would retry" : "retry") \(letter.id) \(letter.kind) on \(letter.queue)") }
                print(dryRun ? "\(chosen.count) dead letter(s) would be retried" : "retried \(retried) dead letter(s)")
            }
            if !missing.isEmpty { throw ValidationError("no dead letter with id \(missing.sorted().joined(separator: ", "))") }
        }
    }

    struct BulkResult: Encodable {
        var dryRun: Bool
        var matched: [String]
        var done: Int
        var missing: [String]
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete dead letters by id.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Dead letter ids.") var ids: [String]
        @Flag(help: "JSON output.") var json = false

        func run() throws {
            let admin = try common.admin(try common.load())
            let wanted = Set(ids)
            let found = try admin.allDeadLetters().filter { wanted.contains($0.id) }
            var deleted = 0
            for (queue, letters) in Dictionary(grouping: found, by: \.queue) {
                deleted += try admin.deleteDead(queue: queue, ids: letters.map(\.id))
            }
            let missing = wanted.subtracting(found.map(\.id)).sorted()
            if json {
                try JSONOutput.print(BulkResult(dryRun: false, matched: found.map(\.id), done: deleted, missing: missing))
            } else {
                print("deleted \(deleted) dead letter(s)")
            }
            if !missing.isEmpty { throw ValidationError("no dead letter with id \(missing.joined(separator: ", "))") }
        }
    }

    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete dead letters older than a duration.")
        @OptionGroup var common: CommonOptions
        @Option(help: "Age, e.g. 30d.") var olderThan: CLIDuration
        @Flag(help: "Show what would be deleted, change nothing.") var dryRun = false
        @Flag(help: "JSON output.") var json = false

        func run() throws {
            let admin = try common.admin(try common.load())
            let now = Date().timeIntervalSince1970
            let old = try admin.allDeadLetters().filter { now - $0.diedAt >= olderThan.seconds }
            var deleted = 0
            if !dryRun {
                for (queue, letters) in Dictionary(grouping: old, by: \.queue) {
                    deleted += try admin.deleteDead(queue: queue, ids: letters.map(\.id))
                }
            }
            if json {
                try JSONOutput.print(BulkResult(dryRun: dryRun, matched: old.map(\.id), done: deleted, missing: []))
            } else {
                print(dryRun ? "\(old.count) dead letter(s) would be purged" : "purged \(deleted) dead letter(s)")
            }
        }
    }

    struct Group: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Count dead letters by kind and error fingerprint.")
        @OptionGroup var common: CommonOptions
        @Flag(help: "JSON output.") var json = false

        struct Row: Encodable {
            var kind: String
            var fingerprint: String
            var count: Int
            var newest: Double
            var example: String
        }

        func run() throws {
            let admin = try common.admin(try common.load())
            let letters = try admin.allDeadLetters()
            let groups = Dictionary(grouping: letters) { "\($0.kind)\u{0}\($0.errorFingerprint)" }
            let rows = groups.values.map { members in
                Row(kind: members[0].kind, fingerprint: members[0].errorFingerprint, count: members.count,
                    newest: members.map(\.diedAt).max() ?? 0, example: members[0].id)
            }.sorted { ($0.count, $0.newest) > ($1.count, $1.newest) }
            if json {
                try JSONOutput.print(rows)
                return
            }
            var table = [["COUNT", "KIND", "ERROR", "EXAMPLE"]]
            for row in rows { table.append(["\(row.count)", row.kind, String(row.fingerprint.prefix(80)), row.example]) }
            print(Table.render(table))
        }
    }
}
