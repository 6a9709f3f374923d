// The classify job's wire shape: stable kind, snake_case arguments, event-derived id.

import Foundation
import Jobs
import Queue
import Testing

@Suite struct ClassifyJobTests {
    @Test func envelopeCarriesTheEventDerivedIdAndOrderCorrelation() throws {
        let job = ClassifyJob(shopId: "shop", orderId: "order-1", eventId: 42, orderStatus: "AWAITING_SHIPMENT")
        let raw = try job.newJob(maxAttempts: 5, id: ClassifyJob.jobID(forEvent: 42), now: 1).encoded().raw
        let envelope = try JobEnvelope.decode(raw)
        #expect(envelope.id == "evt-42")
        #expect(envelope.kind == "classify")
        #expect(envelope.queue == "default")
        #expect(envelope.correlation == "order-1")
        #expect(
            envelope.args
                == .object([
                    "shop_id": .string("shop"), "order_id": .string("order-1"), "event_id": .number(42),
                    "order_status": .string("AWAITING_SHIPMENT"),
                ]))
        #expect(try JobEnvelope.decodeArgs(ClassifyJob.self, from: raw) == job)
    }

    @Test func catalogKnowsClassify() {
        #expect(JobCatalog.payload(for: "classify").map { ObjectIdentifier($0) } == ObjectIdentifier(ClassifyJob.self))
    }
}
