// A new job's one-pass encoding writes exactly the envelope the two-pass path wrote: the typed
// arguments encoded, decoded into a JSONValue, then encoded again inside a JobEnvelope.

import Domain
import Foundation
import Jobs
import Queue
import Testing

@Suite struct NewJobTests {
    /// The envelope the old path built: arguments through a `JSONValue`.
    func twoPass<P: JobPayload>(
        _ payload: P, id: String, queue: String, maxAttempts: Int, now: Double
    ) throws -> JobEnvelope {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let args = try JSONDecoder().decode(JSONValue.self, from: encoder.encode(payload))
        return JobEnvelope(
            id: id, kind: P.kind, queue: queue, args: args, maxAttempts: maxAttempts, correlation: payload.correlation,
            now: now)
    }

    func expectSameEnvelope<P: JobPayload>(_ payload: P, queue: String, maxAttempts: Int) throws {
        let now = 1_765_000_000.125
        let job = payload.newJob(queue: queue, maxAttempts: maxAttempts, id: "job-1", now: now)
        let encoded = try job.encoded()
        let old = try twoPass(payload, id: "job-1", queue: queue, maxAttempts: maxAttempts, now: now)
        #expect(encoded.raw == (try old.encoded()))
        #expect(try JobEnvelope.decode(encoded.raw) == old)
        #expect(encoded.id == "job-1")
        #expect(encoded.queue == queue)
    }

    @Test func typedArgumentsWithCorrelationAndQueueMatchTheTwoPassEnvelope() throws {
        let payload = ClassifyJob(shopId: "shop/1", orderId: "order-ü-1", eventId: 9_007_199, orderStatus: "AWAITING")
        try expectSameEnvelope(payload, queue: "critical", maxAttempts: 7)
        let decoded = try JobEnvelope.decode(
            try payload.newJob(queue: "critical", maxAttempts: 7, now: 1).encoded().raw)
        #expect(decoded.correlation == "order-ü-1")
        #expect(decoded.queue == "critical")
        #expect(decoded.maxAttempts == 7)
        #expect(decoded.attempt == 1)
        #expect(decoded.version == JobEnvelope.currentVersion)
    }

    @Test func nilOptionalArgumentsAndNoCorrelationMatchTheTwoPassEnvelope() throws {
        let payload = ClassifyJob(shopId: "shop", orderId: "order-2", eventId: 2, orderStatus: nil)
        try expectSameEnvelope(payload, queue: "default", maxAttempts: 25)
        let raw = try payload.newJob(maxAttempts: 25, now: 1).encoded().raw
        #expect(!raw.contains("order_status"))
        try expectSameEnvelope(TikTokPingJob(shopId: nil), queue: "default", maxAttempts: 1)
        let ping = try TikTokPingJob().newJob(maxAttempts: 1, now: 1).encoded().raw
        #expect(!ping.contains("correlation"))
        #expect(try JobEnvelope.decode(ping).correlation == nil)
        let fail = FailJob(permanent: true, message: "a \"quoted\" / message")
        try expectSameEnvelope(fail, queue: "low", maxAttempts: 3)
    }

    @Test func untypedArgumentsMatchTheEnvelopeOfTheSameValues() throws {
        let args = JSONValue.object(["pad": .string("x/y"), "n": .number(3), "f": .number(0.5), "none": .null])
        let job = NewJob(
            id: "tick-1", kind: "sweep", queue: "low", args: args, maxAttempts: 4, correlation: "schedule", now: 5)
        let old = JobEnvelope(
            id: "tick-1", kind: "sweep", queue: "low", args: args, maxAttempts: 4, correlation: "schedule", now: 5)
        #expect(try job.encoded().raw == (try old.encoded()))
        #expect(try JobEnvelope.decode(try job.encoded().raw) == old)
    }

    @Test func typedArgumentsDecodeBackFromTheRawEnvelope() throws {
        let payload = ClassifyJob(shopId: "shop", orderId: "order-3", eventId: 3, orderStatus: "UNPAID")
        let raw = try payload.newJob(maxAttempts: 2, id: ClassifyJob.jobID(forEvent: 3), now: 1).encoded().raw
        #expect(try JobEnvelope.decodeArgs(ClassifyJob.self, from: raw) == payload)
        #expect(try JobEnvelopeHeader.decode(raw).id == "evt-3")
    }
}
