// Idle fetchers wait on one fleet-wide list of wake-up tokens: every way jobs land on a queue
// (enqueue, promotion of due retries and delayed jobs, a requeue) pushes a token, a waiting
// fetcher takes one, and the list stays short however many jobs arrive while nobody waits.

import Domain
import Foundation
import Queue
import Testing
import TestSupport

@Suite struct FetcherWakeTests {
    func job(queue: String, now: Double = 1000) -> NewJob<JSONValue> {
        NewJob(kind: "noop", queue: queue, args: .object([:]), maxAttempts: 25, now: now)
    }

    @Test func aJobOnAnyQueueWakesAnIdleFetcherOnce() throws {
        let redis = try TestRedis()
        let fetcher = try redis.session(pid: "fetcher")
        let producer = try redis.session(pid: "producer")
        try fetcher.heartbeat(queues: ["critical", "low"], info: "{}")
        #expect(try !fetcher.waitForWork(timeout: 0.05), "no job, no token: the wait times out")
        try producer.enqueue([try job(queue: "low").encoded()])
        #expect(try fetcher.waitForWork(timeout: 10), "a job on a queue the fetcher was not watching wakes it")
        #expect(try fetcher.claim(from: "low", max: 10).count == 1)
        #expect(try !fetcher.waitForWork(timeout: 0.05), "the token was taken")
    }

    @Test func promotionAndRequeueWakeFetchersToo() throws {
        let redis = try TestRedis()
        let fetcher = try redis.session(pid: "fetcher")
        try fetcher.heartbeat(queues: ["default"], info: "{}")
        try fetcher.schedule(job(queue: "default"), runAt: 1100)
        #expect(try !fetcher.waitForWork(timeout: 0.05), "a delayed job wakes nobody until it is due")
        #expect(try fetcher.promoteDue(queues: ["default"], now: 1100) == 1)
        #expect(try fetcher.waitForWork(timeout: 10))
        let claimed = try fetcher.claim(from: "default", max: 1)
        try fetcher.settle(claimed.map { SettledJob(job: $0, kind: "noop", settlement: .requeue) }, now: 1101)
        #expect(try fetcher.waitForWork(timeout: 10), "a job pushed back (a worker stopping) wakes the others")
    }

    @Test func tokensPushedWhileNobodyWaitsAreCapped() throws {
        let redis = try TestRedis()
        let producer = try redis.session(pid: "producer")
        for _ in 0..<100 { try producer.enqueue([try job(queue: "default").encoded()]) }
        #expect(try redis.connection().command(["LLEN", redis.keys.wake]).integer == 8)
    }
}
