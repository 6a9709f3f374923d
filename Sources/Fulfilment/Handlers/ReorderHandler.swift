// `reorder`: forecast one SKU (on-order units included), keep its critical stock alert in step, and
// buy from the supplier when the forecast says so — at most one purchase order per SKU per window.
// The order row (`placing`, unique idempotency key) commits before the supplier is called with that
// key, so a duplicate job finds the row and a retry is replayed by the supplier, never re-placed.

import Clients
import Domain
import Foundation
import Jobs
import Store
import Worker

/// Handles `reorder` jobs.
public struct ReorderHandler: JobHandler {
    let services: FulfilmentServices

    public init(services: FulfilmentServices) {
        self.services = services
    }

    /// The idempotency key of `skuId`'s purchase order in the reorder window containing `now`:
    /// `po-<sku>-<window index>`, windows of `windowSeconds` counted from the Unix epoch.
    public static func idempotencyKey(skuId: String, now: Date, windowSeconds: Double) -> String {
        "po-\(skuId)-\(Int64((now.timeIntervalSince1970 / max(windowSeconds, 1)).rounded(.down)))"
    }

    /// One run per SKU at a time across the fleet: a job finding another worker mid-run for the SKU
    /// leaves it to that run (which reads the same committed sales and stock).
    public func handle(_ job: ReorderJob, context: JobContext) throws {
        try services.with { resources in
            let ran = try SessionLock(connection: resources.postgres).withLock("reorder:\(job.skuId)", wait: false) {
                try reorder(skuId: job.skuId, resources: resources)
            }
            if ran == nil { context.logger.info("reorder running elsewhere", metadata: ["sku": "\(job.skuId)"]) }
        }
    }

    private func reorder(skuId: String, resources: FulfilmentResources) throws {
        let now = services.now()
        let key = Self.idempotencyKey(skuId: skuId, now: now, windowSeconds: services.settings.reorderWindowSeconds)
        let (outlook, order, notification) = try resources.postgres.withTransaction {
            db -> (SkuOutlook, PurchaseOrderRecord?, String?) in
            let outlook = try SkuOutlook.read(skuId: skuId, connection: db, settings: services.settings, now: now)
            guard outlook.inventory != nil else { return (outlook, nil, nil) }
            let notification = try StockAlert.apply(outlook, store: AlertStore(connection: db), now: now)
            let purchases = PurchaseOrderStore(connection: db)
            if let existing = try purchases.order(idempotencyKey: key) { return (outlook, existing, notification) }
            guard let kind = outlook.forecast.purchase.kind else { return (outlook, nil, notification) }
            let order = try purchases.insertPlacing(
                skuId: skuId, quantity: outlook.forecast.purchase.quantity, kind: kind, idempotencyKey: key, at: now)
            return (outlook, order, notification)
        }
        if let notification { AlertNotifier(services: services).send(notification) }
        guard let order, order.status == "placing", let inventory = outlook.inventory else { return }
        try place(order, inventory: inventory, resources: resources, now: now)
    }

    /// Calls the supplier with the order's key (a replay returns the order already placed) and
    /// records the confirmation with its expected arrival.
    private func place(
        _ order: PurchaseOrderRecord, inventory: InventoryRecord, resources: FulfilmentResources, now: Date
    ) throws {
        let request = PurchaseOrderRequest(
            skuId: order.skuId, quantity: order.quantity,
            unitCost: Money(minorUnits: inventory.unitCostMinor, currency: inventory.currency).decimalString,
            currency: inventory.currency, reference: order.idempotencyKey)
        let placed = try resources.supplier().createPurchaseOrder(request, idempotencyKey: order.idempotencyKey)
        let policy = services.settings.stockPolicy
        let leadHours =
            order.kind == "emergency"
            ? policy.expressLeadTimeHours
            : (inventory.supplierLeadTimeHours > 0 ? Double(inventory.supplierLeadTimeHours) : policy.standardLeadTimeHours)
        try PurchaseOrderStore(connection: resources.postgres).markPlaced(
            id: order.id, supplierReference: placed.id, placedAt: now, expectedAt: now.addingTimeInterval(leadHours * 3600))
        services.logger.info(
            "purchase order placed",
            metadata: [
                "sku": "\(order.skuId)", "kind": "\(order.kind)", "quantity": "\(order.quantity)",
                "supplier_reference": "\(placed.id)",
            ])
    }
}
