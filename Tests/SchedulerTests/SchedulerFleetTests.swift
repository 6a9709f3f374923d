import Foundation
import Queue
import Testing
import TestSupport

/// Three real scheduler processes on one 1-second schedule; one is killed midway.
@Suite struct SchedulerFleetTests {
    @Test func eachTickFiresExactlyOnceAcrossThreeSchedulers() throws {
        let redis = try TestRedis()
        let config = NSTemporaryDirectory() + "cf-scheduler-\(UUID().uuidString).yaml"
        try """
        schedules:
          beat: { kind: noop, every: 1s, queue: beats }
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let env = ["REDIS_URL": "\(redis.url)", "CF_REDIS_PREFIX": redis.keys.prefix, "CF_CONFIG": config, "DATABASE_URL": ""]
        let schedulers = try (0..<3).map { _ in try Child(["scheduler"], environment: env) }
        let started = Date()
        Thread.sleep(forTimeInterval: 30)
        schedulers[1].signal(SIGKILL)
        Thread.sleep(forTimeInterval: 35)
        for scheduler in [schedulers[0], schedulers[2]] { scheduler.signal(SIGTERM) }
        #expect(schedulers[0].wait(timeout: 10) == 0)
        #expect(schedulers[2].wait(timeout: 10) == 0)
        let elapsed = Date().timeIntervalSince(started)

        let raws = try redis.connection().command(["LRANGE", redis.keys.queue("beats").jobs, "0", "-1"]).strings
        let ids = try raws.map { try JobEnvelope.decode($0).id }
        #expect(Set(ids).count == ids.count, "a tick fired twice")
        let ticks = ids.compactMap { Int64($0.split(separator: "-").last!) }.sorted()
        #expect(ticks.count >= 60, "only \(ticks.count) ticks in \(elapsed)s")
        let gaps = zip(ticks, ticks.dropFirst()).filter { $1 - $0 != 1000 }
        #expect(gaps.isEmpty, "missed ticks: \(gaps)")
        let fires = schedulers.map { $0.output.components(separatedBy: "schedule fired").count - 1 }
        #expect(fires.reduce(0, +) == ticks.count)
        #expect(fires.filter { $0 > 0 }.count >= 2, "the work was not shared: \(fires)")
    }
}
