// `tracking-sync`: tell TikTok Shop a labelled order's package shipped, with the label's tracking
// number and the carrier's TikTok provider id; then, in one transaction, `labelled → shipped` and
// reservations consumed (on hand and reserved drop together: nothing to tell TikTok's stock).
//
// The decision is made from stored state (the line items stored at classify; TikTok's order
// detail is read only for orders stored without them, or after a refusal), the mark-shipped call
// runs outside any transaction (it may wait for a rate-limit slot), and the transaction after it
// locks the order only for its own statements. TikTok Shop orders a cancellation and our
// mark-shipped call: it refuses to ship a cancelled order, so a refused call is checked against
// its view again — our own earlier call whose answer was lost counts as success, a cancellation
// is applied through `OrderSync` (reservations released, label refunded).

import Clients
import Jobs
import Queue
import Store
import Worker

/// Handles `tracking-sync` jobs.
public struct TrackingSyncHandler: JobHandler {
    let services: FulfilmentServices

    public init(services: FulfilmentServices) {
        self.services = services
    }

    public func handle(_ job: TrackingSyncJob, context: JobContext) throws {
        try services.with { resources in
            try sync(job.orderId, resources: resources, context: context).run(resources)
        }
    }

    /// One order's package, the label it ships under and the TikTok call that marks it shipped.
    private struct Package {
        let order: OrderRecord
        let shipment: ShipmentRecord
        let trackingNumber: String
        let providerId: String
    }

    private func sync(_ tiktokOrderId: String, resources: FulfilmentResources, context: JobContext) throws -> [FollowUp] {
        let (stored, shipments) = try resources.postgres.fetch(
            OrderStore.orderQuery(tiktokOrderId: tiktokOrderId), ShipmentStore.shipmentsQuery(tiktokOrderId: tiktokOrderId))
        guard let order = stored else {
            throw PipelineError.missing("order \(tiktokOrderId) is not stored")
        }
        guard order.state == .labelled else {
            context.logger.info("tracking-sync skipped", metadata: ["state": "\(order.state.rawValue)"])
            return context.attempt > 1 ? OrderSync.resume(order) : []
        }
        guard let shipment = shipments.live,
            shipment.status == .purchased, let trackingNumber = shipment.trackingNumber
        else { throw PipelineError.corrupt("labelled order \(tiktokOrderId) has no bought label") }
        let package = Package(
            order: order, shipment: shipment, trackingNumber: trackingNumber,
            providerId: try Self.providerId(carrier: shipment.carrier, settings: services.settings))
        let client = try resources.tiktok()
        let access = try resources.shopAccess()
        func view() throws -> (ShippingVerdict, ShopAccess) {
            try access.withAccess(tiktokShopId: order.shopId) { shop in
                guard let current = try client.orderDetail(ids: [tiktokOrderId], shop: shop).first else {
                    throw JobFailure.retryable("TikTok Shop does not know order \(tiktokOrderId)")
                }
                return (try ShippingVerdict(current, trackingNumber: trackingNumber), shop)
            }
        }
        try context.checkCancellation()
        let verdict: ShippingVerdict
        let shop: ShopAccess
        if let lineItemIds = order.lineItemIds, !lineItemIds.isEmpty {
            (verdict, shop) = (.ship(lineItemIds: lineItemIds), try access.access(tiktokShopId: order.shopId))
        } else {
            (verdict, shop) = try view()
        }
        do {
            return try act(on: verdict, package, client: client, shop: shop, resources: resources, context: context)
        } catch let refusal as TikTokAPIError where !refusal.isRetryable && !refusal.isTokenError {
            let (again, shop) = try view()
            if case .ship = again { throw refusal }
            return try act(on: again, package, client: client, shop: shop, resources: resources, context: context)
        }
    }

    private func act(
        on verdict: ShippingVerdict, _ package: Package, client: TikTokShopClient, shop: ShopAccess,
        resources: FulfilmentResources, context: JobContext
    ) throws -> [FollowUp] {
        try context.checkCancellation()
        switch verdict {
        case .cancelled(let snapshot):
            context.logger.notice("TikTok Shop cancelled the order before it shipped; cancelling")
            return try OrderSync(resources: resources).apply(snapshot, shopId: package.order.shopId, eventId: nil, redrive: false)
        case .shippedElsewhere:
            throw JobFailure.permanent(
                "order \(package.order.tiktokOrderId) is shipped at TikTok Shop under another tracking number")
        case .alreadyShipped(let packageId):
            return try commit(package, packageId: packageId, resources: resources, context: context)
        case .ship(let lineItemIds):
            let packageId = try client.markPackageShipped(
                orderId: package.order.tiktokOrderId, trackingNumber: package.trackingNumber,
                shippingProviderId: package.providerId, lineItemIds: lineItemIds, shop: shop
            ).packageId
            return try commit(package, packageId: packageId, resources: resources, context: context)
        }
    }

    /// After TikTok Shop accepted the package (with its package id): if the order is still
    /// labelled with this label, `labelled → shipped` and its reservations consumed (what is
    /// available does not change, so TikTok Shop needs no stock sync).
    private func commit(
        _ package: Package, packageId: String?, resources: FulfilmentResources, context: JobContext
    ) throws -> [FollowUp] {
        try resources.postgres.withTransaction { db in
            let orders = OrderStore(connection: db)
            let (locked, shipments) = try db.fetch(
                OrderStore.orderQuery(tiktokOrderId: package.order.tiktokOrderId, lock: true),
                ShipmentStore.shipmentsQuery(tiktokOrderId: package.order.tiktokOrderId))
            guard let order = locked else {
                throw PipelineError.missing("order \(package.order.tiktokOrderId) is not stored")
            }
            guard order.state == .labelled, shipments.live?.id == package.shipment.id
            else {
                context.logger.warning(
                    "tracking-sync: the order changed while TikTok Shop accepted its package",
                    metadata: ["state": "\(order.state.rawValue)", "package_id": "\(packageId ?? "-")"])
                return []
            }
            let packageId = packageId ?? order.packageId
            try orders.transition(
                order, to: .shipped,
                set: [("shipped_at", .date(services.now())), ("package_id", packageId.map { .string($0) })])
            try InventoryStore(connection: db).consumeAndCommit(orderId: order.id)
            return []
        }
    }

    /// TikTok's shipping provider id for `carrier` (EasyPost's name), matched case-insensitively.
    static func providerId(carrier: String, settings: FulfilmentSettings) throws -> String {
        if let id = settings.carrierProviders[carrier] { return id }
        if let id = settings.carrierProviders.first(where: { $0.key.lowercased() == carrier.lowercased() })?.value { return id }
        throw JobFailure.permanent("no TikTok shipping provider id is configured for carrier \(carrier)")
    }
}
