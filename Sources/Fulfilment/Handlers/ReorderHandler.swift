// `reorder`: keep one SKU's critical stock alert in step and buy what the ReplenishmentPlanner says
// (the planner the stock-out benchmark scores) — at most one purchase order per SKU per window (an
// hour by default: the benchmark's one order per SKU per hour).
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
        let (inventory, order, notifications) = try resources.postgres.withTransaction {
            db -> (InventoryRecord?, PurchaseOrderRecord?, [String]) in
            let outlook = try SkuOutlook.read(skuId: skuId, connection: db, settings: services.settings, now: now)
            guard let inventory = outlook.inventory else { return (nil, nil, []) }
            let notifications = [
                try StockAlert.apply(outlook, store: AlertStore(connection: db), now: now),
                try ForecastDeviationAlert.apply(skuId: skuId, connection: db, now: now),
            ].compactMap { $0 }
            let purchases = PurchaseOrderStore(connection: db)
            if let existing = try purchases.order(idempotencyKey: key) { return (inventory, existing, notifications) }
            guard let plan = try plan(skuId: skuId, inventory: inventory, db: db, now: now) else {
                return (inventory, nil, notifications)
            }
            let decision = PurchaseDecision(plan)
            guard let kind = decision.kind else { return (inventory, nil, notifications) }
            let order = try purchases.insertPlacing(
                skuId: skuId, quantity: decision.quantity, kind: kind, idempotencyKey: key, at: now)
            try ForecastStore(connection: db).record(
                purchaseOrderId: order.id, skuId: skuId, madeAt: now, expectedUnitsPerHour: plan.outlook.expectedRate,
                evidence: plan.outlook.evidence.rawValue)
            return (inventory, order, notifications)
        }
        for notification in notifications { AlertNotifier(services: services).send(notification) }
        guard let order, order.status == "placing", let inventory else { return }
        try place(order, inventory: inventory, resources: resources, now: now)
    }

    /// What the planner buys for `skuId` now (the SKU's own supplier lead time, when it has one).
    private func plan(skuId: String, inventory: InventoryRecord, db: PostgresConnection, now: Date) throws -> ReplenishmentPlan? {
        var parameters = services.settings.replenishment
        if inventory.supplierLeadTimeHours > 0 { parameters.standardLeadTimeHours = inventory.supplierLeadTimeHours }
        guard
            let inputs = try ReplenishmentInputs.read(
                skuId: skuId, inventory: inventory, connection: db, parameters: parameters, now: now)
        else { return nil }
        return ReplenishmentPlanner.plan(history: inputs.history, position: inputs.position, parameters: parameters)
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
        let parameters = services.settings.replenishment
        let leadHours =
            order.kind == "emergency"
            ? Double(parameters.expressLeadTimeHours)
            : Double(inventory.supplierLeadTimeHours > 0 ? inventory.supplierLeadTimeHours : parameters.standardLeadTimeHours)
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
