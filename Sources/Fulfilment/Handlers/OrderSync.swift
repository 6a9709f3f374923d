// Applies TikTok's current view of an order to PostgreSQL in one transaction (with the webhook
// event marked processed in the same commit) and says which follow-ups the change calls for.
//
// - New order: customer counted, order and lines stored, priority scored; `classified` → reserve.
// - Known order: TikTok's status resolved against ours (StatusConflictResolver); a legal change is
//   applied. Cancelled → reservations released, labels voided and refunded, stock synced.
//   `awaiting → classified` → scored, reserve. An address change before shipping is stored; a
//   bought label is voided and bought again.

import Domain
import Foundation
import Store

/// The transactional half of `classify`.
struct OrderSync {
    let resources: FulfilmentResources

    /// Stores `snapshot` for shop `shopId` and returns what must follow. `redrive` re-derives the
    /// follow-ups of the current state even when nothing changed (a retried attempt, whose earlier
    /// try may have committed but not enqueued).
    func apply(_ snapshot: OrderSnapshot, shopId: String, eventId: Int64?, redrive: Bool) throws -> [FollowUp] {
        let now = resources.services.now()
        return try resources.postgres.withTransaction { db in
            let orders = OrderStore(connection: db)
            var followUps: [FollowUp]
            let (stored, reads) = try db.fetch(
                OrderStore.orderQuery(tiktokOrderId: snapshot.tiktokOrderId, lock: true),
                newOrderReads(snapshot, shopId: shopId, now: now))
            if let existing = stored {
                followUps = try update(existing, with: snapshot, db: db, redrive: redrive)
            } else {
                followUps = try insert(snapshot, shopId: shopId, reads: reads, db: db)
            }
            if let eventId { try WebhookEventStore(connection: db).markProcessedLater(id: eventId) }
            if followUps.isEmpty, redrive, let order = try orders.order(tiktokOrderId: snapshot.tiktokOrderId) {
                followUps = Self.resume(order)
            }
            return followUps
        }
    }

    /// Records a webhook that only confirms where a shipped order already is (the echo of our own
    /// mark-shipped call, say) without asking TikTok: TikTok's status text is stored and the event
    /// marked processed, in one statement. `false`, with nothing written, when the order is unknown
    /// here or the status is news; the caller then fetches the order as usual.
    func acknowledgeConfirmation(tiktokOrderId: String, status: TikTokOrderStatus, eventId: Int64?) throws -> Bool {
        let state = status.orderState(isOnHold: false)
        guard status.onlyConfirms(state) else { return false }
        return try OrderStore(connection: resources.postgres).confirmStatus(
            status.rawValue, tiktokOrderId: tiktokOrderId, in: state, eventId: eventId)
    }

    /// The next step of an order sitting in `order.state`, for redrives and the sweeper.
    static func resume(_ order: OrderRecord) -> [FollowUp] {
        switch order.state {
        case .classified: return [.reserve(orderId: order.tiktokOrderId, queue: order.stepQueue)]
        case .reserved: return [.label(orderId: order.tiktokOrderId, queue: order.stepQueue)]
        case .labelled: return [.trackingSync(orderId: order.tiktokOrderId, queue: order.stepQueue)]
        case .cancelled: return [.refundLabels(orderRowId: order.id)]
        case .received, .awaiting, .backordered, .shipped, .delivered, .refunded: return []
        }
    }

    /// What storing a new order reads: the shop's row id, the customer's id and tier as of this
    /// order, and every line's outlook.
    private typealias NewOrderReads = (
        shopRowId: Int64?, customer: (id: Int64, tier: CustomerTier)?, outlooks: [SkuOutlook]
    )

    /// The reads a new order needs, sent with the order's lock read: the customer's count of this
    /// order is written only while the order is not stored (for a stored order, those reads go
    /// unused and nothing is counted).
    private func newOrderReads(_ snapshot: OrderSnapshot, shopId: String, now: Date) -> PostgresQuery<NewOrderReads> {
        let settings = resources.services.settings
        let customerQuery: PostgresQuery<(id: Int64, tier: CustomerTier)?> =
            snapshot.buyerId.map { CustomerStore.recordOrderQuery(buyerId: $0, tiktokOrderId: snapshot.tiktokOrderId) }
            ?? .constant(nil)
        return ShopStore.rowIdQuery(tiktokShopId: shopId).and(customerQuery)
            .and(.all(snapshot.lines.map { SkuOutlook.query(skuId: $0.skuId, settings: settings, now: now) }))
            .map { ($0.0.0, $0.0.1, $0.1) }
    }

    /// Stores a new order in one more round trip after the reads (``newOrderReads``): missing
    /// inventory rows, the order with its lines (and the webhook event, queued by the caller) with
    /// COMMIT.
    private func insert(_ snapshot: OrderSnapshot, shopId: String, reads: NewOrderReads, db: PostgresConnection) throws
        -> [FollowUp]
    {
        let (shopRowId, customer, outlooks) = reads
        guard let shopRowId else {
            throw PipelineError.missing("shop \(shopId) is not connected (creatorflow shops connect)")
        }
        let inventory = InventoryStore(connection: db)
        for (line, outlook) in zip(snapshot.lines, outlooks) {
            try inventory.ensure(skuId: line.skuId, productId: snapshot.productIds[line.skuId], existing: outlook.inventory)
        }
        let score = OrderPriority.score(
            outlooks: outlooks, tier: customer?.tier ?? .new, complexity: snapshot.shippingComplexity,
            thresholds: resources.services.settings.stockThresholds)
        try OrderStore(connection: db).insert(
            NewOrder(
                tiktokOrderId: snapshot.tiktokOrderId, shopRowId: shopRowId, customerId: customer?.id,
                status: snapshot.status.rawValue, state: snapshot.state, priorityScore: score.value,
                priority: score.priority.rawValue, queue: score.queue, addressJSON: snapshot.addressJSON,
                orderedAt: snapshot.orderedAt, tiktokUpdateTime: snapshot.updateTime, packageId: snapshot.packageId,
                lineItemIds: snapshot.lineItemIds, currency: snapshot.currency,
                lines: snapshot.lines.map {
                    NewOrder.Line(skuId: $0.skuId, quantity: $0.quantity, unitPriceMinor: snapshot.unitPriceMinor[$0.skuId] ?? 0)
                }))
        return snapshot.state == .classified ? [.reserve(orderId: snapshot.tiktokOrderId, queue: score.queue)] : []
    }

    private func update(_ order: OrderRecord, with snapshot: OrderSnapshot, db: PostgresConnection, redrive: Bool) throws
        -> [FollowUp]
    {
        let orders = OrderStore(connection: db)
        let localTime = Date(timeIntervalSince1970: TimeInterval(order.tiktokUpdateTime ?? 0))
        let resolution = StatusConflictResolver.resolve(
            local: StatusSnapshot(state: order.state, updatedAt: localTime),
            tiktok: StatusSnapshot(state: snapshot.state, updatedAt: Date(timeIntervalSince1970: TimeInterval(snapshot.updateTime))))
        let tiktokColumns: [(column: String, value: PostgresValue?)] = [
            ("status", .string(snapshot.status.rawValue)),
            ("tiktok_update_time", .int64(max(snapshot.updateTime, order.tiktokUpdateTime ?? 0))),
            ("package_id", snapshot.packageId.map { .string($0) } ?? order.packageId.map { .string($0) }),
        ]
        guard resolution.state != order.state else {
            return try updateAddress(order, snapshot: snapshot, extra: tiktokColumns, db: db)
        }
        guard resolution.isLegalFromLocal else {
            resources.services.logger.warning("ignoring TikTok status that would be an illegal transition", metadata: [
                "order": "\(order.tiktokOrderId)", "from": "\(order.state.rawValue)", "to": "\(resolution.state.rawValue)",
            ])
            try orders.transition(order, to: order.state, set: tiktokColumns)
            return []
        }
        switch resolution.state {
        case .cancelled:
            try orders.transition(order, to: .cancelled, set: tiktokColumns + [("cancelled_at", .date(resources.services.now()))])
            try orders.markLinesCancelled(orderId: order.id)
            try ShipmentVoids(connection: db).requestVoid(orderId: order.id)
            let syncs = try InventoryStore(connection: db).release(orderId: order.id)
            return [.refundLabels(orderRowId: order.id)] + syncs.map { .stockSync(skuId: $0) }
        case .classified:
            try orders.transition(order, to: .classified, set: tiktokColumns + addressColumns(snapshot))
            return [.reserve(orderId: order.tiktokOrderId, queue: order.stepQueue)]
        default:
            try orders.transition(order, to: resolution.state, set: tiktokColumns)
            return []
        }
    }

    /// Stores a changed address; a label already bought for the old one is voided and bought again.
    private func updateAddress(
        _ order: OrderRecord, snapshot: OrderSnapshot, extra: [(column: String, value: PostgresValue?)], db: PostgresConnection
    ) throws -> [FollowUp] {
        let orders = OrderStore(connection: db)
        guard let address = snapshot.addressJSON, !order.state.hasShipped, !order.state.isTerminal,
            try !orders.isSameAddress(address, as: order.addressJSON)
        else {
            try orders.transition(order, to: order.state, set: extra)
            return []
        }
        guard order.state == .labelled else {
            try orders.transition(order, to: order.state, set: extra + addressColumns(snapshot))
            return []
        }
        try orders.transition(order, to: .reserved, set: extra + addressColumns(snapshot))
        try ShipmentVoids(connection: db).requestVoid(orderId: order.id)
        return [.refundLabels(orderRowId: order.id), .label(orderId: order.tiktokOrderId, queue: order.stepQueue)]
    }

    private func addressColumns(_ snapshot: OrderSnapshot) -> [(column: String, value: PostgresValue?)] {
        snapshot.addressJSON.map { [("shipping_address", .json($0))] } ?? []
    }
}
