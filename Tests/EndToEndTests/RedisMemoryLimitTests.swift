import Domain
import Foundation
import Jobs
import Queue
import Redis
import Testing
import TestSupport

/// Redis at maxmemory (noeviction): enqueue fails clearly, nothing acknowledged is lost, and
/// workers can still drain the queue. Uses a private Redis so other suites are not disturbed.
@Suite struct RedisMemoryLimitTests {
    @Test func fullRedisRefusesEnqueueClearlyAndStillDrains() throws {
        let server = try PrivateRedis(instance: "oom")
        defer { try? server.stop() }
        let admin = try RedisConnection(url: server.url)
        try admin.command(["FLUSHALL"])
        let info = try admin.command(["INFO", "memory"]).string ?? ""
        let usedLine = info.split(whereSeparator: \.isNewline).first { $0.hasPrefix("used_memory:") }
        let used = Int(usedLine?.split(separator: ":").last ?? "0") ?? 0
        try admin.command(["CONFIG", "SET", "maxmemory", String(used + 2_000_000)])
        defer { _ = try? admin.command(["CONFIG", "SET", "maxmemory", "0"]) }
        #expect(try admin.command(["CONFIG", "GET", "maxmemory-policy"]).strings.last == "noeviction")

        let keys = Keys(prefix: "oom")
        let session = RedisJobQueue(connection: try RedisConnection(url: server.url), settings: QueueSettings(keys: keys), processId: "client")
        var accepted = 0
        var refusal: RedisError?
        let padding = String(repeating: "x", count: 2_000)
        for _ in 0..<5_000 {
            let args = JSONValue.object(["pad": .string(padding)])
            let job = NewJob(kind: "noop", queue: "default", args: args, maxAttempts: 1, now: 1)
            do {
                try session.enqueue([job.encoded()])
                accepted += 1
            } catch let error as RedisError {
                refusal = error
                break
            }
        }
        #expect(refusal?.isOutOfMemory == true, "expected an OOM refusal, got \(String(describing: refusal))")
        #expect(accepted > 0)
        #expect(try admin.command(["LLEN", keys.queue("default").jobs]).integer == accepted)

        let (status, output) = try run(
            repositoryRoot.appendingPathComponent(".build/debug/creatorflow").path,
            ["enqueue", "noop", "--args", "{\"pad\":\"\(padding)\"}", "--count", "50"],
            environment: ["REDIS_URL": "\(server.url)", "CF_REDIS_PREFIX": "oom", "DATABASE_URL": ""])
        #expect(status != 0)
        #expect(output.contains("Redis is at its memory limit"))

        let worker = try Child(["worker", "--queues", "default", "--concurrency", "4"],
                               environment: ["REDIS_URL": "\(server.url)", "CF_REDIS_PREFIX": "oom", "DATABASE_URL": ""])
        #expect(try eventually(timeout: 30) { try admin.command(["LLEN", keys.queue("default").jobs]).integer == 0 }, "\(worker.output)")
        #expect(try eventually(timeout: 10) {
            try QueueAdmin(connection: admin, settings: session.settings).snapshot(now: 2).processed == accepted
        })
        let last = NewJob(kind: "noop", queue: "default", args: JSONValue.object([:]), maxAttempts: 1, now: 1)
        try session.enqueue([last.encoded()])
        worker.signal(SIGTERM)
        #expect(worker.wait(timeout: 10) == 0)
    }
}
