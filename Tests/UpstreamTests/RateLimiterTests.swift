// The shared sliding-window limiter against real Redis: never more than the limit in any rolling
// window however many gates hammer it, all-or-nothing across a call's buckets, long waits handed
// back to the queue, and waits counted for /metrics.

import Clients
import Foundation
import Queue
import Synchronization
import TestSupport
import Testing
import Upstream

@Suite struct RateLimiterTests {
    @Test func gatesOnSeparateConnectionsNeverExceedTheLimitInAnyRollingWindow() async throws {
        let redis = try GateRedis()
        let limit = 20
        let window = 2.0
        let settings = UpstreamGateSettings(
            limits: [BucketLimit(prefix: "tiktok:app:", perWindow: limit)], window: .seconds(window),
            margin: .milliseconds(100), maxWait: .seconds(10))
        let call = UpstreamCall(upstream: "tiktok", buckets: ["tiktok:app:hammer"])
        let deadline = Date().addingTimeInterval(3 * window + 0.5)
        let perThread = try await onThreads(6) { _ in
            let gate = try redis.gate(settings)
            var admitted: [Double] = []
            while Date() < deadline {
                try gate.admit(call)
                admitted.append(Date().timeIntervalSince1970)
            }
            return admitted
        }
        let times = perThread.flatMap { $0 }
        #expect(perThread.allSatisfy { !$0.isEmpty })
        #expect(maxInAnyWindow(times, window: window) == limit)
        #expect(times.count >= 3 * limit && times.count <= 4 * limit + 6)
        let waits = try redis.monitor().waits()["tiktok:app:hammer"]
        #expect((waits?.count ?? 0) > 0 && (waits?.seconds ?? 0) > 0)
    }

    @Test func admissionIsAllOrNothingAcrossBuckets() async throws {
        let redis = try GateRedis()
        let settings = UpstreamGateSettings(
            limits: BucketLimit.tiktok(perApp: 3, perShop: 1), window: .seconds(60), maxWait: .zero)
        let keys = redis.keys.upstream(of: "tiktok")
        let results = try await onThread { () -> [String] in
            let gate = try redis.gate(settings)
            let redisConnection = try redis.connection()
            func attempt(_ shop: String) -> String {
                do {
                    try gate.admit(UpstreamCall(upstream: "tiktok", buckets: ["tiktok:app:A", "tiktok:shop:\(shop)"]))
                    return "ok"
                } catch let error as RateLimitWaitTooLong {
                    return error.bucket
                } catch {
                    return "\(error)"
                }
            }
            func logged(_ bucket: String) throws -> Int {
                try redisConnection.command(["ZCARD", keys.rateLog(bucket)]).integer ?? -1
            }
            var seen = [attempt("S1"), attempt("S1")]
            seen.append("app=\(try logged("tiktok:app:A"))")
            seen += [attempt("S2"), attempt("S3"), attempt("S4")]
            seen.append("app=\(try logged("tiktok:app:A")) s4=\(try logged("tiktok:shop:S4"))")
            return seen
        }
        #expect(
            results == [
                "ok", "tiktok:shop:S1", "app=1", "ok", "ok", "tiktok:app:A", "app=3 s4=0",
            ])
    }

    @Test func aWaitLongerThanTheMaximumIsThrownForTheQueueWithoutSleeping() async throws {
        let redis = try GateRedis()
        let settings = UpstreamGateSettings(
            limits: [BucketLimit(prefix: "supplier", perWindow: 2)], window: .seconds(30), maxWait: .seconds(1))
        let call = UpstreamCall(upstream: "supplier", buckets: ["supplier"])
        let (error, slept) = try await onThread { () -> (RateLimitWaitTooLong?, Bool) in
            let gate = try redis.gate(settings, sleep: { _ in Issue.record("the gate slept") })
            try gate.admit(call)
            try gate.admit(call)
            do {
                try gate.admit(call)
                return (nil, false)
            } catch let error as RateLimitWaitTooLong {
                return (error, false)
            }
        }
        let thrown = try #require(error)
        #expect(!slept && thrown.bucket == "supplier" && thrown.isRetryable && !thrown.isUpstreamFailure)
        #expect(thrown.retryAfter! > .seconds(29) && thrown.retryAfter! <= .seconds(31))
    }

    @Test func unlimitedBucketsAreAdmittedWithoutALog() async throws {
        let redis = try GateRedis()
        let settings = UpstreamGateSettings(limits: BucketLimit.tiktok(perApp: 1, perShop: 1), maxWait: .zero)
        let logKeys = try await onThread { () -> [String] in
            let gate = try redis.gate(settings)
            for _ in 0..<5 { try gate.admit(UpstreamCall(upstream: "easypost:USPS", buckets: ["easypost"])) }
            return try redis.connection().command(["KEYS", "*\(redis.keys.prefix)*:rl:*"]).strings
        }
        #expect(logKeys.isEmpty)
    }

    @Test func drainingProcessHandsAWaitingCallBackToTheQueue() async throws {
        let redis = try GateRedis()
        let settings = UpstreamGateSettings(
            limits: [BucketLimit(prefix: "tiktok:app:", perWindow: 1)], window: .seconds(60), maxWait: .seconds(120))
        let call = UpstreamCall(upstream: "tiktok", buckets: ["tiktok:app:drain"])
        let slept = Mutex<[Duration]>([])
        let stopping = Atomic<Bool>(false)
        let outcome = try await onThread { () -> String in
            let gate = try redis.gate(
                settings,
                sleep: { duration in
                    let count = slept.withLock { $0.append(duration); return $0.count }
                    if count == 3 { stopping.store(true, ordering: .releasing) }
                },
                stopWaiting: { stopping.load(ordering: .acquiring) })
            try gate.admit(call)
            do {
                try gate.admit(call)
                return "admitted"
            } catch let error as RateLimitWaitTooLong {
                return error.bucket
            }
        }
        #expect(outcome == "tiktok:app:drain", "the second call was handed back, not admitted")
        let slices = slept.withLock { $0 }
        #expect(slices.count == 3, "the wait ended at the first slice after the stop: \(slices)")
        #expect(slices.allSatisfy { $0 <= .milliseconds(200) })

        let again = try await onThread { () -> String in
            let gate = try redis.gate(settings, sleep: { _ in Issue.record("a draining gate must not wait") }, stopWaiting: { true })
            do {
                try gate.admit(call)
                return "admitted"
            } catch let error as RateLimitWaitTooLong {
                return "handed back, next slot in \(error.retryAfter ?? .zero)"
            }
        }
        #expect(again.hasPrefix("handed back"))
    }
}
