// The one way a classify job is built from a stored order webhook: the receiver (right after the
// insert) and the relay (when the receiver's enqueue failed or Redis lost the job) both call it.

import Queue
import Store

extension ClassifyJob {
    /// The classify job of `event`.
    public init(event: WebhookOrderEvent) {
        self.init(shopId: event.shopId, orderId: event.orderId, eventId: event.eventId, orderStatus: event.orderStatus)
    }

    /// `event`'s classify job, with the id every enqueue of it uses.
    public static func newJob(
        for event: WebhookOrderEvent, queue: String, maxAttempts: Int, now: Double
    ) -> NewJob<Self> {
        ClassifyJob(event: event).newJob(
            queue: queue, maxAttempts: maxAttempts, id: jobID(forEvent: event.eventId), now: now)
    }
}
