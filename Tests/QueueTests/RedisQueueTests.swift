import Domain
import Foundation
import Queue
import Testing
import TestSupport

@Suite struct RedisQueueTests {
    func newJob(_ kind: String = "noop", now: Double = 1000) -> NewJob<JSONValue> {
        NewJob(kind: kind, queue: "default", args: .object([:]), maxAttempts: 25, now: now)
    }

    func encodedJob(_ kind: String = "noop", now: Double = 1000) throws -> EncodedJob {
        try newJob(kind, now: now).encoded()
    }

    @Test func enqueueClaimAckMovesThroughInFlight() throws {
        let redis = try TestRedis()
        let q = try redis.session()
        try q.heartbeat(queues: ["default"], info: "{}")
        try q.enqueue([encodedJob(), encodedJob(), encodedJob()])
        let claimed = try q.claim(from: "default", max: 2)
        #expect(claimed.count == 2)
        let keys = redis.keys.queue("default")
        let conn = try redis.connection()
        #expect(try conn.command(["LLEN", keys.jobs]).integer == 1)
        #expect(try conn.command(["LLEN", keys.inflight("p1")]).integer == 2)
        let fenced = try q.settle(claimed.map { SettledJob(job: $0, kind: "noop", settlement: .ack) }, now: 1001)
        #expect(fenced.isEmpty)
        #expect(try conn.command(["LLEN", keys.inflight("p1")]).integer == 0)
        let snapshot = try redis.admin().snapshot(now: 1001)
        #expect(snapshot.processed == 2)
        #expect(snapshot.kinds["noop"]?.processed == 2)
        #expect(snapshot.queues.first { $0.name == "default" }?.size == 1)
    }

    @Test func durationFieldsAreNotReadAsKinds() throws {
        let redis = try TestRedis()
        let q = try redis.session()
        try q.heartbeat(queues: ["default"], info: "{}")
        var histogram = JobDurationHistogram()
        histogram.record(seconds: 0.002)
        try q.publishDurations(["default": ["label": histogram]])
        try q.enqueue([encodedJob("label")])
        let claimed = try q.claim(from: "default", max: 1)
        _ = try q.settle(claimed.map { SettledJob(job: $0, kind: "label", settlement: .ack) }, now: 1001)
        let snapshot = try redis.admin().snapshot(now: 1001)
        #expect(Set(snapshot.kinds.keys) == ["label"])
        #expect(snapshot.kinds["label"]?.processed == 1)
    }

    @Test func claimTakesOldestFirst() throws {
        let redis = try TestRedis()
        let q = try redis.session()
        try q.heartbeat(queues: ["default"], info: "{}")
        let first = try encodedJob(), second = try encodedJob()
        try q.enqueue([first])
        try q.enqueue([second])
        let claimed = try q.claim(from: "default", max: 1)
        #expect(try JobEnvelope.decode(claimed[0].raw).id == first.id)
    }

    @Test func claimWithoutLeaseIsRefused() throws {
        let redis = try TestRedis()
        let q = try redis.session()
        try q.enqueue([encodedJob()])
        #expect(throws: LeaseLost.self) { try q.claim(from: "default", max: 1) }
        #expect(try redis.connection().command(["LLEN", redis.keys.queue("default").jobs]).integer == 1)
    }

    @Test func retryWaitsInTheRetrySetUntilDueWithInjectedClock() throws {
        let redis = try TestRedis()
        let q = try redis.session()
        try q.heartbeat(queues: ["default"], info: "{}")
        try q.enqueue([encodedJob(now: 1000)])
        let job = try q.claim(from: "default", max: 1)[0]
        let decision = FailureDecision.decide(
            envelope: try JobEnvelope.decode(job.raw), raw: job.raw, failure: .retryable("flaky"), policy: .sidekiq,
            now: 1000, process: "p1", random: { _ in 3 })
        guard case .retry(let next, let runAt) = decision else {
            Issue.record("expected retry")
            return
        }
        #expect(runAt == 1000 + 15 + 3)
        try q.settle([SettledJob(job: job, kind: "noop", settlement: .retry(raw: try next.encoded(), runAt: runAt))], now: 1000)
        #expect(try q.promoteDue(queues: ["default"], now: runAt - 1) == 0)
        #expect(try q.claim(from: "default", max: 1).isEmpty)
        #expect(try q.promoteDue(queues: ["default"], now: runAt) == 1)
        let again = try q.claim(from: "default", max: 1)
        #expect(again.count == 1)
        let retried = try JobEnvelope.decode(again[0].raw)
        #expect(retried.attempt == 2)
        #expect(retried.history.first?.error == "flaky")
        let snapshot = try redis.admin().snapshot(now: runAt)
        #expect(snapshot.retried == 1)
        #expect(snapshot.failed == 1)
    }

    @Test func delayedJobRunsOnlyWhenDue() throws {
        let redis = try TestRedis()
        let q = try redis.session()
        try q.heartbeat(queues: ["default"], info: "{}")
        try q.schedule(newJob(now: 1000), runAt: 1100)
        #expect(try redis.admin().snapshot(now: 1000).queues.first { $0.name == "default" }?.scheduled == 1)
        #expect(try q.promoteDue(queues: ["default"], now: 1099) == 0)
        #expect(try q.claim(from: "default", max: 5).isEmpty)
        #expect(try q.promoteDue(queues: ["default"], now: 1100) == 1)
        let claimed = try q.claim(from: "default", max: 5)
        #expect(claimed.count == 1)
        #expect(try JobEnvelope.decode(claimed[0].raw).enqueuedAt == 1100)
        #expect(try JobEnvelope.decode(claimed[0].raw).createdAt == 1000)
    }

    @Test func buriedJobIsInTheDeadLettersWithItsError() throws {
        let redis = try TestRedis()
        let q = try redis.session()
        try q.heartbeat(queues: ["default"], info: "{}")
        var env = JobEnvelope(kind: "noop", queue: "default", args: .object([:]), maxAttempts: 2, now: 1000)
        env.attempt = 2
        try q.enqueue([EncodedJob(id: env.id, queue: env.queue, raw: try env.encoded())])
        let job = try q.claim(from: "default", max: 1)[0]
        let decision = FailureDecision.decide(
            envelope: env, raw: job.raw, failure: .retryable("still broken"), policy: .sidekiq, now: 2000, process: "p1",
            random: { _ in 0 })
        guard case .bury(let letter) = decision else {
            Issue.record("expected bury")
            return
        }
        try q.settle([SettledJob(job: job, kind: "noop", settlement: .bury(letter))], now: 2000)
        let dead = try redis.admin().deadLetters(queue: "default")
        #expect(dead.count == 1)
        #expect(dead[0].id == env.id)
        #expect(dead[0].error.contains("still broken"))
        #expect(dead[0].history.count == 1)
        #expect(try redis.admin().snapshot(now: 2000).dead == 1)
        #expect(try redis.admin().retryDead(queue: "default", ids: [env.id], now: 2001) == 1)
        #expect(try redis.admin().deadLetters(queue: "default").isEmpty)
        let back = try JobEnvelope.decode(try q.claim(from: "default", max: 1)[0].raw)
        #expect(back.attempt == 1)
        #expect(back.id == env.id)
    }

    @Test func deadLettersAreCappedByCountAndAge() throws {
        let redis = try TestRedis()
        let q = try redis.session { $0.deadMaxCount = 3; $0.deadMaxAgeSeconds = 100 }
        try q.heartbeat(queues: ["default"], info: "{}")
        var ids: [String] = []
        for i in 0..<5 {
            let new = try encodedJob()
            ids.append(new.id)
            try q.enqueue([new])
            let job = try q.claim(from: "default", max: 1)[0]
            let env = try JobEnvelope.decode(job.raw)
            let letter = FailureDecision.deadLetter(env, error: "e\(i)", now: 1000 + Double(i))
            try q.settle([SettledJob(job: job, kind: "noop", settlement: .bury(letter))], now: 1000 + Double(i))
        }
        #expect(try redis.admin().deadLetters(queue: "default").map(\.id) == ids.suffix(3).reversed())
        try q.enqueue([encodedJob()])
        let job = try q.claim(from: "default", max: 1)[0]
        let env = try JobEnvelope.decode(job.raw)
        try q.settle(
            [SettledJob(job: job, kind: "noop", settlement: .bury(FailureDecision.deadLetter(env, error: "late", now: 1104)))],
            now: 1104)
        #expect(try redis.admin().deadLetters(queue: "default").map(\.id) == [env.id, ids[4]])
        #expect(try redis.connection().command(["HLEN", redis.keys.queue("default").deadData]).integer == 2)
    }

    @Test func reaperReturnsJobsOfAProcessWhoseLeaseExpired() throws {
        let redis = try TestRedis()
        let dead = try redis.session(pid: "dead")
        let alive = try redis.session(pid: "alive")
        try dead.heartbeat(queues: ["default"], info: "{}")
        try alive.heartbeat(queues: ["default"], info: "{}")
        let env = try encodedJob()
        try dead.enqueue([env])
        _ = try dead.claim(from: "default", max: 1)
        #expect(try alive.reapExpired(now: 1) == 0)
        try redis.connection().command(["DEL", redis.keys.queue("default").lease("dead")])
        #expect(try alive.reapExpired(now: 2) == 1)
        let back = try JobEnvelope.decode(try alive.claim(from: "default", max: 1)[0].raw)
        #expect(back.id == env.id)
        #expect(back.recoveries == 1)
    }

    @Test func lateAckFromAFencedProcessIsIgnored() throws {
        let redis = try TestRedis()
        let slow = try redis.session(pid: "slow")
        let other = try redis.session(pid: "other")
        try slow.heartbeat(queues: ["default"], info: "{}")
        try other.heartbeat(queues: ["default"], info: "{}")
        try slow.enqueue([encodedJob()])
        let job = try slow.claim(from: "default", max: 1)[0]
        try redis.connection().command(["DEL", redis.keys.queue("default").lease("slow")])
        #expect(try other.reapExpired(now: 5) == 1)
        let fenced = try slow.settle([SettledJob(job: job, kind: "noop", settlement: .ack)], now: 6)
        #expect(fenced == [job])
        let retriedLate = try slow.settle(
            [SettledJob(job: job, kind: "noop", settlement: .retry(raw: job.raw, runAt: 7))], now: 6)
        #expect(retriedLate == [job])
        #expect(try redis.admin().snapshot(now: 6).processed == 0)
        #expect(try redis.admin().snapshot(now: 6).queues.first { $0.name == "default" }?.retries == 0)
        let reclaimed = try other.claim(from: "default", max: 1)
        #expect(reclaimed.count == 1)
        try other.settle([SettledJob(job: reclaimed[0], kind: "noop", settlement: .ack)], now: 7)
        #expect(try redis.admin().snapshot(now: 7).processed == 1)
    }

    @Test func poisonPillIsBuriedAfterTooManyRecoveries() throws {
        let redis = try TestRedis()
        let reaper = try redis.session(pid: "reaper") { $0.maxRecoveries = 2 }
        let env = try encodedJob()
        try reaper.enqueue([env])
        for round in 1...3 {
            let victim = try redis.session(pid: "victim-\(round)")
            try victim.heartbeat(queues: ["default"], info: "{}")
            #expect(try victim.claim(from: "default", max: 1).count == 1)
            try redis.connection().command(["DEL", redis.keys.queue("default").lease("victim-\(round)")])
            #expect(try reaper.reapExpired(now: Double(round)) == 1)
        }
        let dead = try redis.admin().deadLetters(queue: "default")
        #expect(dead.map(\.id) == [env.id])
        #expect(dead[0].error.contains("poison pill"))
        #expect(try redis.connection().command(["LLEN", redis.keys.queue("default").jobs]).integer == 0)
    }

    @Test func requeuePutsJobsBackAtTheHead() throws {
        let redis = try TestRedis()
        let q = try redis.session()
        try q.heartbeat(queues: ["default"], info: "{}")
        let first = try encodedJob(), second = try encodedJob()
        try q.enqueue([first, second])
        let job = try q.claim(from: "default", max: 1)[0]
        try q.settle([SettledJob(job: job, kind: "noop", settlement: .requeue)], now: 1)
        let next = try q.claim(from: "default", max: 1)[0]
        #expect(try JobEnvelope.decode(next.raw).id == first.id)
    }

    @Test func everyScriptTouchesOneClusterSlot() {
        for queue in ["default", "critical", "low", "a:b"] {
            for call in QueueScripts.allCalls(keys: Keys(prefix: "cf").queue(queue), pid: "host:1:abc") {
                let slots = Set(call.keys.map(clusterSlot))
                #expect(slots.count == 1, "script \(call.name) touches \(call.keys) in slots \(slots)")
                #expect(call.keys.allSatisfy { $0.contains("{cf:\(queue)}") })
            }
        }
        #expect(clusterSlot("{user1000}.following") == clusterSlot("{user1000}.followers"))
        #expect(clusterSlot("123456789") == 12739)
    }
}
