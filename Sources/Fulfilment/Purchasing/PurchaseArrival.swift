// A purchase order arrives: in one transaction it is marked received, its units go on hand and a
// stock sync is requested; after commit, backordered orders containing the SKU are sent to
// `reserve` again, highest priority first (priority score, then the oldest order), and `reorder`
// re-forecasts the SKU (resolving its critical stock alert when the arrival ended it).

import Foundation
import Jobs
import Store

/// What receiving one purchase order did.
public struct PurchaseArrivalOutcome: Sendable, Equatable {
    public var purchaseOrder: PurchaseOrderRecord
    /// False when the order had already been received (nothing was added; reserves were re-sent).
    public var received: Bool
    /// TikTok order ids sent to `reserve`, in the order they were enqueued.
    public var reserveOrderIds: [String]
}

/// Receives purchase orders (the `creatorflow purchase-orders receive` command and tests).
public enum PurchaseArrival {
    /// Receives purchase order `id` at `services.now()`. Receiving it again adds nothing but re-sends
    /// the backordered orders to `reserve` (they may have been lost after the first commit).
    public static func receive(id: Int64, services: FulfilmentServices) throws -> PurchaseArrivalOutcome {
        try services.with { resources in
            let now = services.now()
            let (outcome, followUps) = try resources.postgres.withTransaction {
                db -> (PurchaseArrivalOutcome, [FollowUp]) in
                let purchases = PurchaseOrderStore(connection: db)
                guard var order = try purchases.order(id: id, lock: true) else {
                    throw PipelineError.missing("purchase order \(id) does not exist")
                }
                var followUps: [FollowUp] = []
                let received = try purchases.markReceived(id: id, at: now)
                if received {
                    let inventory = InventoryStore(connection: db)
                    try inventory.receive(skuId: order.skuId, quantity: order.quantity)
                    followUps += try inventory.requestSync(skuIds: [order.skuId]).map {
                        .stockSync(skuId: $0)
                    }
                    followUps.append(.reorder(skuId: order.skuId))
                    order = try purchases.order(id: id) ?? order
                }
                let waiting = try OrderStore(connection: db).backordered(skuId: order.skuId)
                followUps += waiting.map { .reserve(orderId: $0.tiktokOrderId, queue: $0.queue) }
                return (
                    PurchaseArrivalOutcome(purchaseOrder: order, received: received, reserveOrderIds: waiting.map(\.tiktokOrderId)),
                    followUps
                )
            }
            try followUps.run(resources)
            return outcome
        }
    }
}
