// `creatorflow enqueue KIND`: adds jobs (one or many, now or later) for operators and benchmarks.

import ArgumentParser
import Domain
import Foundation
import Jobs
import Queue
import Redis

struct EnqueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enqueue", abstract: "Enqueue jobs of a kind.")

    @OptionGroup var common: CommonOptions

    @Argument(help: "Job kind, e.g. noop, sleep, fail.")
    var kind: String

    @Option(help: "Arguments as a JSON object.")
    var args: String = "{}"

    @Option(help: "How many copies to enqueue.")
    var count: Int = 1

    @Option(help: "Queue (default: the kind's queue from config, else its own default).")
    var queue: String?

    @Option(name: .customLong("in"), help: "Run in this many seconds instead of now.")
    var delay: Double?

    @Option(help: "Run at this Unix time instead of now.")
    var at: Double?

    @Flag(help: "Print the job ids, one per line.")
    var printIds = false

    func validate() throws {
        if count < 1 { throw ValidationError("--count must be at least 1") }
        if delay != nil && at != nil { throw ValidationError("give --in or --at, not both") }
        guard let payload = JobCatalog.payload(for: kind) else {
            let known = JobCatalog.all.map { $0.kind }.joined(separator: ", ")
            throw ValidationError("unknown job kind '\(kind)' (known: \(known))")
        }
        do {
            _ = try JSONDecoder().decode(payload, from: Data(args.utf8))
        } catch {
            throw ValidationError("--args is not valid for \(kind): \(error)")
        }
    }

    func run() throws {
        let fleet = try common.load()
        let session = try common.session(fleet)
        let argsValue = try JSONDecoder().decode(JSONValue.self, from: Data(args.utf8))
        let policy = fleet.worker.policy(for: kind)
        let target = queue ?? policy.queue ?? JobCatalog.payload(for: kind)!.defaultQueue
        let now = Date().timeIntervalSince1970
        let runAt = at ?? delay.map { now + $0 }
        var ids: [String] = []
        var remaining = count
        do {
            while remaining > 0 {
                let chunk = (0..<min(remaining, 10_000)).map { _ in
                    NewJob(kind: kind, queue: target, args: argsValue, maxAttempts: policy.retry.maxAttempts, now: now)
                }
                if let runAt {
                    for job in chunk { try session.schedule(job, runAt: runAt) }
                } else {
                    try session.enqueue(try chunk.map { try $0.encoded() })
                }
                if printIds { ids += chunk.map(\.id) }
                remaining -= chunk.count
            }
        } catch let error as RedisError where error.isOutOfMemory {
            throw ValidationError(
                "Redis is at its memory limit (maxmemory, noeviction): \(count - remaining) of \(count) jobs were enqueued")
        }
        if printIds { print(ids.joined(separator: "\n")) } else { print("enqueued \(count) \(kind) job(s) on \(target)") }
    }
}
