// `reserve`: hold stock for every line of a classified (or backordered) order, all or nothing.
// Enough stock → `reserved`, then label; stock synced to TikTok; a forecast now below the
// thresholds triggers reorder. Not enough → `backordered` and reorder of the short SKUs.

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
            let followUps = try resources.postgres.withTransaction { db -> [FollowUp] in
                let orders = OrderStore(connection: db)
                guard let order = try orders.order(tiktokOrderId: job.orderId, lock: true) else {
                    throw PipelineError.missing("order \(job.orderId) is not stored")
                }
                switch order.state {
                case .classified, .backordered:
                    return try reserve(order, db: db)
                case .reserved:
                    return context.attempt > 1 ? OrderSync.resume(order) : []
                default:
                    context.logger.info("reserve skipped", metadata: ["state": "\(order.state.rawValue)"])
                    return []
                }
            }
            try followUps.run(resources)
        }
    }

    private func reserve(_ order: OrderRecord, db: PostgresConnection) throws -> [FollowUp] {
        let orders = OrderStore(connection: db)
        let inventory = InventoryStore(connection: db)
        let lines = try orders.lines(orderId: order.id)
        let short = try inventory.reserve(orderId: order.id, lines: lines)
        guard short.isEmpty else {
            if order.state != .backordered { try orders.transition(order, to: .backordered) }
            return short.map { .reorder(skuId: $0) }
        }
        try orders.transition(order, to: .reserved)
        let skus = lines.map(\.skuId)
        var followUps: [FollowUp] = [.label(orderId: order.tiktokOrderId, queue: order.stepQueue)]
        followUps += try inventory.requestSync(skuIds: skus).map { .stockSync(skuId: $0) }
        for sku in skus {
            let outlook = try SkuOutlook.read(skuId: sku, connection: db, settings: services.settings, now: services.now())
            if outlook.forecast.purchase != .none { followUps.append(.reorder(skuId: sku)) }
        }
        return followUps
    }
}
