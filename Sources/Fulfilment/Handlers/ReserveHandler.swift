// `reserve`: hold stock for every line of a classified (or backordered) order, all or nothing.
// Enough stock → `reserved`, then label; stock synced to TikTok; a forecast now below the
// monitoring threshold triggers reorder at once (else `replenish` or a content poll plans it).
// Not enough → `backordered` and reorder of the short SKUs.
//
// Two round trips reserve: the order (locked) with its lines; the state change, the reservations
// and the inventory updates with COMMIT, and the forecasts read after it (an order of three or
// more lines holds all but its last in one more). The inventory rows are locked last, right before
// commit, so a viral SKU's row is held for the server's time only.

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
            let followUps: [FollowUp]
            do {
                followUps = try db.withTransaction { db -> [FollowUp] in
                    let (locked, lines) = try db.fetch(
                        OrderStore.orderQuery(tiktokOrderId: job.orderId, lock: true),
                        OrderStore.linesQuery(tiktokOrderId: job.orderId))
                    guard let order = locked else { throw PipelineError.missing("order \(job.orderId) is not stored") }
                    switch order.state {
                    case .classified, .backordered:
                        try OrderStore(connection: db).transition(order, to: .reserved)
                        let (now, settings) = (services.now(), services.settings)
                        let (syncs, outlooks) = try InventoryStore(connection: db).reserveAndCommit(
                            orderId: order.id, lines: lines,
                            thenFetch: .all(lines.map {
                                SkuOutlook.query(skuId: $0.skuId, settings: settings, now: now, withContent: false)
                            }))
                        return [.label(orderId: order.tiktokOrderId, queue: order.stepQueue)]
                            + syncs.map { .stockSync(skuId: $0) }
                            + outlooks.filter(\.needsPlanningNow).map { .reorder(skuId: $0.skuId) }
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
