// `reserve`: hold stock for every line of a classified (or backordered) order, all or nothing.
// Enough stock → `reserved`, then label; stock synced to TikTok; a forecast now below the
// monitoring threshold triggers reorder at once (else `replenish` or a content poll plans it).
// Not enough → `backordered` and reorder of the short SKUs.
//
// The inventory rows are locked last, right before commit, and the forecast is read after it, so
// a viral SKU's row is held for one statement and a commit per order.

import Domain
import Jobs
import Queue
import Store
import Worker

/// Handles `reserve` jobs.
public struct ReserveHandler: JobHandler {
    let services: FulfilmentServices

    public init(services: FulfilmentServices) {
        self.services = services
    }

    public func handle(_ job: ReserveJob, context: JobContext) throws {
        try services.with { resources in
            let db = resources.postgres
            var followUps: [FollowUp]
            var reservedSkus: [String] = []
            do {
                followUps = try db.withTransaction { db -> [FollowUp] in
                    let order = try lockedOrder(job.orderId, db: db)
                    switch order.state {
                    case .classified, .backordered:
                        let lines = try OrderStore(connection: db).lines(orderId: order.id)
                        try OrderStore(connection: db).transition(order, to: .reserved)
                        let syncs = try InventoryStore(connection: db).reserveAndCommit(orderId: order.id, lines: lines)
                        reservedSkus = lines.map(\.skuId)
                        return [.label(orderId: order.tiktokOrderId, queue: order.stepQueue)] + syncs.map { .stockSync(skuId: $0) }
                    case .reserved:
                        return context.attempt > 1 ? OrderSync.resume(order) : []
                    default:
                        context.logger.info("reserve skipped", metadata: ["state": "\(order.state.rawValue)"])
                        return []
                    }
                }
            } catch let short as ShortStock {
                followUps = try db.withTransaction { db in try backorder(job.orderId, short: short, db: db) }
            }
            for sku in reservedSkus {
                let outlook = try SkuOutlook.read(
                    skuId: sku, connection: db, settings: services.settings, now: services.now(), withContent: false)
                if outlook.needsPlanningNow { followUps.append(.reorder(skuId: sku)) }
            }
            try followUps.run(resources)
        }
    }

    private func lockedOrder(_ tiktokOrderId: String, db: PostgresConnection) throws -> OrderRecord {
        guard let order = try OrderStore(connection: db).order(tiktokOrderId: tiktokOrderId, lock: true) else {
            throw PipelineError.missing("order \(tiktokOrderId) is not stored")
        }
        return order
    }

    /// Stock was short (the reservation rolled back): `backordered`, and reorder the short SKUs.
    private func backorder(_ tiktokOrderId: String, short: ShortStock, db: PostgresConnection) throws -> [FollowUp] {
        let order = try lockedOrder(tiktokOrderId, db: db)
        switch order.state {
        case .classified: try OrderStore(connection: db).transition(order, to: .backordered)
        case .backordered: break
        default: return []
        }
        return short.skuIds.map { .reorder(skuId: $0) }
    }
}
