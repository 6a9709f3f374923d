// `label`: buy a reserved order's shipping label exactly once, then `tracking-sync`.
//
// 1. The order's live shipment is reused, or an EasyPost shipment is created (its reference names
//    the order, the sequence and the address) and recorded `rated` before anything is bought.
// 2. The best rate is bought (`CarrierPurchase`: another carrier when the chosen one is down).
// 3. One transaction of two round trips: still `rated`, order `reserved` and the address
//    unchanged → `purchased` and order `labelled` in one statement with COMMIT, then tracking-sync.
//    Otherwise (cancelled, or the address changed while buying) the label is recorded as unwanted
//    and refunded at once; a reserved order is labelled again for its new address.

import Clients
import Domain
import Jobs
import Queue
import Store
import Worker

/// Handles `label` jobs.
public struct LabelHandler: JobHandler {
    let services: FulfilmentServices

    public init(services: FulfilmentServices) {
        self.services = services
    }

    public func handle(_ job: LabelJob, context: JobContext) throws {
        try services.with { resources in
            try label(job.orderId, resources: resources, context: context).run(resources)
        }
    }

    private func label(_ tiktokOrderId: String, resources: FulfilmentResources, context: JobContext) throws -> [FollowUp] {
        let (stored, shipments) = try resources.postgres.fetch(
            OrderStore.orderQuery(tiktokOrderId: tiktokOrderId), ShipmentStore.shipmentsQuery(tiktokOrderId: tiktokOrderId))
        guard let order = stored else {
            throw PipelineError.missing("order \(tiktokOrderId) is not stored")
        }
        guard order.state == .reserved else {
            context.logger.info("label skipped", metadata: ["state": "\(order.state.rawValue)"])
            return context.attempt > 1 ? OrderSync.resume(order) : []
        }
        let easyPost = try resources.easyPost()
        let found = try shipmentToBuy(order, shipments: shipments, easyPost: easyPost)
        let addressKey = found.addressKey
        var (shipment, row) = (found.shipment, found.row)
        try context.checkCancellation()
        let purchase = CarrierPurchase(
            easyPost: easyPost, priority: Self.priority(of: order), settings: services.settings,
            openCarriers: CarrierPurchase.openCarriers(
                gate: try resources.gate(), among: Array(Set(shipment.rates.map(\.carrier))), logger: context.logger),
            logger: context.logger)
        var requested: Clients.Rate?
        var recordedNow = false
        if !shipment.isPurchased {
            let first = try purchase.choose(shipment)
            requested = first
            if row == nil {
                let recorded = try record(order, shipment: shipment, rate: first, resources: resources)
                guard recorded.providerShipmentId == shipment.id else {
                    throw JobFailure.retryable("another attempt recorded order \(tiktokOrderId)'s shipment first; reusing it")
                }
                row = recorded
                recordedNow = true
            }
        }
        guard let row else { throw PipelineError.missing("order \(tiktokOrderId)'s shipment row") }
        if let first = requested {
            // A row recorded just now was checked under the order's lock as it was inserted; one an
            // earlier attempt recorded is checked again before buying.
            if !recordedNow,
                case .done(let followUps) = try settle(
                    order, row: row, addressKey: addressKey, label: nil, context: context, resources: resources)
            {
                return followUps
            }
            try context.checkCancellation()
            let bought = try purchase.buy(shipment, first: first, checkCancellation: context.checkCancellation)
            shipment = bought.shipment
            requested = bought.rate
        }
        guard let label = try QuotedRates.label(of: shipment, requested: requested, at: services.now()) else {
            throw JobFailure.retryable("EasyPost returned shipment \(shipment.id) without a label")
        }
        guard case .done(let followUps) = try settle(
            order, row: row, addressKey: addressKey, label: label, context: context, resources: resources)
        else { throw PipelineError.corrupt("settling a bought label asked to buy again") }
        return followUps
    }

    /// The EasyPost shipment to buy on, the address key it was created for and its `rated` row:
    /// the live one when a previous attempt recorded it, else a new shipment (row still to record).
    private func shipmentToBuy(_ order: OrderRecord, shipments: OrderShipments, easyPost: EasyPostClient) throws
        -> (shipment: Shipment, addressKey: String, row: ShipmentRecord?)
    {
        if let live = shipments.live {
            guard live.status == .rated, let providerId = live.providerShipmentId else {
                throw PipelineError.corrupt("reserved order \(order.tiktokOrderId) already has a bought label (shipment \(live.id))")
            }
            let shipment = try easyPost.shipment(id: providerId)
            return (shipment, ShipmentReference(shipment.reference)?.addressKey ?? "unknown", live)
        }
        let reference = ShipmentReference(
            tiktokOrderId: order.tiktokOrderId, sequence: shipments.all.count + 1,
            addressKey: ShipmentReference.addressKey(order.addressJSON))
        let request = try ShipmentParties.request(
            addressJSON: order.addressJSON, shipFrom: services.settings.shipFrom, reference: reference)
        return (try easyPost.createShipment(request), reference.addressKey, nil)
    }

    /// Records `shipment` as the order's `rated` shipment (about to buy `rate`) if the order is
    /// still reserved at the address it was created for (checked under the order's row lock);
    /// returns the order's live shipment row (another attempt's, when one was recorded first).
    private func record(
        _ order: OrderRecord, shipment: Shipment, rate: Clients.Rate, resources: FulfilmentResources
    ) throws -> ShipmentRecord {
        let price: Money
        do {
            price = try Money.parse(rate.rate, currency: rate.currency)
        } catch {
            throw PipelineError.corrupt("EasyPost rate \(rate.id) has price '\(rate.rate)' (\(error))")
        }
        let shipments = ShipmentStore(connection: resources.postgres)
        if let inserted = try shipments.insertRated(
            orderId: order.id, whileReservedAt: order.addressJSON, providerShipmentId: shipment.id, carrier: rate.carrier,
            service: rate.service, price: price)
        {
            return inserted
        }
        guard let live = try shipments.live(orderId: order.id) else {
            throw JobFailure.retryable("order \(order.tiktokOrderId) changed while its shipment was created")
        }
        return live
    }

    /// What settling a shipment decided.
    private enum Settlement {
        /// Nothing bought yet and the shipment is still wanted: buy.
        case buy
        case done([FollowUp])
    }

    /// Under the order's lock: a wanted shipment gets `label` (order → `labelled`, tracking-sync
    /// follows), or `.buy` when there is no label yet. An unwanted one (the order was cancelled,
    /// or its address changed since the shipment was created) keeps `label` for the refund, or is
    /// dropped when nothing was bought; a still reserved order is labelled again.
    private func settle(
        _ order: OrderRecord, row: ShipmentRecord, addressKey: String, label: BoughtLabel?, context: JobContext,
        resources: FulfilmentResources
    ) throws -> Settlement {
        try resources.postgres.withTransaction { db in
            let shipments = ShipmentStore(connection: db)
            let (lockedOrder, currentShipment) = try db.fetch(
                OrderStore.orderQuery(tiktokOrderId: order.tiktokOrderId, lock: true), ShipmentStore.shipmentQuery(id: row.id))
            guard let locked = lockedOrder, let current = currentShipment else { throw PipelineError.missing("order \(order.tiktokOrderId) or its shipment \(row.id)") }
            if current.status == .purchased {
                return .done(context.attempt > 1 ? OrderSync.resume(locked) : [])
            }
            let wanted =
                current.status == .rated && locked.state == .reserved
                && ShipmentReference.addressKey(locked.addressJSON) == addressKey
            switch (wanted, label) {
            case (true, nil):
                return .buy
            case (true, let label?):
                guard try shipments.purchaseAndCommit(id: row.id, label: label, labelling: locked) else {
                    throw PipelineError.corrupt("shipment \(row.id) left `rated` under its order's lock")
                }
                return .done([.trackingSync(orderId: locked.tiktokOrderId, queue: locked.stepQueue)])
            case (false, let label):
                context.logger.info("label no longer wanted", metadata: ["state": "\(locked.state.rawValue)"])
                if let label { try shipments.recordUnwanted(id: row.id, label: label) } else { try shipments.discard(id: row.id) }
                let again: [FollowUp] = locked.state == .reserved ? [.label(orderId: locked.tiktokOrderId, queue: locked.stepQueue)] : []
                return .done([.refundLabels(orderRowId: locked.id)] + again)
            }
        }
    }

    /// The order's priority class from its score (MEDIUM before it was scored).
    static func priority(of order: OrderRecord) -> Priority {
        order.priorityScore.map { PriorityScore(clamping: $0).priority } ?? .medium
    }
}
