// What a handler does after its transaction commits: enqueue next steps, refund void labels.
// Derived from committed state, so repeating them (a retried job) has no second effect.

import Jobs

/// A step to run after commit.
enum FollowUp {
    case reserve(orderId: String, queue: String)
    case label(orderId: String, queue: String)
    case trackingSync(orderId: String, queue: String)
    case reorder(skuId: String)
    case stockSync(skuId: String)
    case refundLabels(orderRowId: Int64)

    func run(_ resources: FulfilmentResources) throws {
        switch self {
        case .reserve(let orderId, let queue): try resources.enqueue(ReserveJob(orderId: orderId), queue: queue)
        case .label(let orderId, let queue): try resources.enqueue(LabelJob(orderId: orderId), queue: queue)
        case .trackingSync(let orderId, let queue): try resources.enqueue(TrackingSyncJob(orderId: orderId), queue: queue)
        case .reorder(let skuId): try resources.enqueue(ReorderJob(skuId: skuId))
        case .stockSync(let skuId): try resources.enqueue(StockSyncJob(skuId: skuId))
        case .refundLabels(let id): try LabelRefunds.refundPending(orderId: id, resources: resources)
        }
    }
}

extension Array where Element == FollowUp {
    /// Runs every follow-up in order; the first failure is thrown (the job retries, and the
    /// follow-ups are derived again from committed state).
    func run(_ resources: FulfilmentResources) throws {
        for followUp in self { try followUp.run(resources) }
    }
}
