// `classify`: fetch the order TikTok Shop now reports, store and score it, and route its next step
// to the queue its priority deserves. Also the entry point of every later order webhook
// (cancellations, address changes, status changes), since it applies TikTok's current view. A
// webhook that only confirms a shipped order's state (our own mark-shipped echoed back) is
// recorded without fetching the order.

import Domain
import Jobs
import Queue
import Worker

/// Handles `classify` jobs.
public struct ClassifyHandler: JobHandler {
    let services: FulfilmentServices

    public init(services: FulfilmentServices) {
        self.services = services
    }

    public func handle(_ job: ClassifyJob, context: JobContext) throws {
        try services.with { resources in
            if let hint = job.orderStatus.flatMap(TikTokOrderStatus.init(rawValue:)),
                hint.orderState(isOnHold: false).hasShipped,
                try OrderSync(resources: resources).acknowledgeConfirmation(
                    tiktokOrderId: job.orderId, status: hint, eventId: job.eventId > 0 ? job.eventId : nil)
            {
                return
            }
            let client = try resources.tiktok()
            let order = try resources.shopAccess().withAccess(tiktokShopId: job.shopId) { shop in
                try client.orderDetail(ids: [job.orderId], shop: shop).first
            }
            guard let order else {
                throw JobFailure.retryable("TikTok Shop does not know order \(job.orderId) (yet)")
            }
            try context.checkCancellation()
            let followUps = try OrderSync(resources: resources).apply(
                try OrderSnapshot(order), shopId: job.shopId, eventId: job.eventId > 0 ? job.eventId : nil,
                redrive: context.attempt > 1)
            try followUps.run(resources)
        }
    }
}
