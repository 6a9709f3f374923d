// `sweep` (every 60 s on `low`): re-drives orders that made no progress for
// `stalledAfterSeconds` (their next job lost with Redis, say) from PostgreSQL state — `classified`
// → reserve, `reserved` → label, `labelled` → tracking-sync, and `cancelled` with a label refund
// still pending → refund. `received` orders are left to the webhook outbox relay; `backordered`
// ones wait for stock. Each re-driven order is stamped (`updated_at`) in the same transaction that
// enqueues its step, so one stall is re-driven once per window and a failed enqueue rolls back.

import Domain
import Foundation
import Jobs
import Store
import Worker

/// Handles `sweep` jobs.
public struct SweepHandler: JobHandler {
    /// Orders claimed per transaction.
    static let batchSize = 200
    /// Batches per run: at most 2,000 orders per minute; a larger backlog continues next run.
    static let maxBatches = 10
    /// States whose next step is a job.
    static let resumable: [OrderState] = [.classified, .reserved, .labelled]

    let services: FulfilmentServices

    public init(services: FulfilmentServices) {
        self.services = services
    }

    public func handle(_ job: SweepJob, context: JobContext) throws {
        let cutoff = services.now().addingTimeInterval(-services.settings.stalledAfterSeconds)
        var redriven = 0
        var refunds = 0
        try services.with { resources in
            for _ in 0..<Self.maxBatches {
                let batch = try claimBatch(before: cutoff, resources: resources)
                redriven += batch.enqueued
                refunds += refund(batch.cancelled, resources: resources, context: context)
                if !batch.isFull { break }
            }
        }
        if redriven + refunds > 0 {
            context.logger.notice("stalled orders re-driven", metadata: ["enqueued": "\(redriven)", "refunded": "\(refunds)"])
        }
    }

    /// Claims up to one batch of stalled orders and enqueues their next steps before committing.
    private func claimBatch(before cutoff: Date, resources: FulfilmentResources) throws -> SweepBatch {
        try resources.postgres.withTransaction { db in
            let orders = OrderStore(connection: db)
            let stalled = try orders.stalled(in: Self.resumable, before: cutoff, limit: Self.batchSize)
            let cancelled = try orders.cancelledAwaitingRefund(before: cutoff, limit: Self.batchSize)
            let claimed = try orders.claimStalled((stalled + cancelled).map(\.id), before: cutoff)
            let resumed = stalled.filter { claimed.contains($0.id) }
            for order in resumed { try OrderSync.resume(order).run(resources) }
            return SweepBatch(
                enqueued: resumed.count, cancelled: cancelled.filter { claimed.contains($0.id) },
                isFull: stalled.count == Self.batchSize || cancelled.count == Self.batchSize)
        }
    }

    /// Refunds the pending labels of cancelled orders after commit (HTTP calls); a failure is
    /// logged and the order is swept again after the next window. Returns the orders done.
    private func refund(_ orders: [OrderRecord], resources: FulfilmentResources, context: JobContext) -> Int {
        var done = 0
        for order in orders {
            do {
                try OrderSync.resume(order).run(resources)
                done += 1
            } catch {
                context.logger.warning(
                    "label refund failed; retried next window", metadata: ["order_id": "\(order.tiktokOrderId)", "error": "\(error)"])
            }
        }
        return done
    }
}

/// One claimed batch: how many next steps were enqueued, the cancelled orders to refund, and
/// whether a query hit the batch size (more may be waiting).
private struct SweepBatch {
    var enqueued: Int
    var cancelled: [OrderRecord]
    var isFull: Bool
}
