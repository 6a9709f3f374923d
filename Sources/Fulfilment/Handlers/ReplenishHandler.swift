// `replenish` (scheduled): one `reorder` per SKU, so the planner keeps every SKU's inventory
// position at its target between the spikes and low-stock moments that trigger it at once.

import Jobs
import Store
import Worker

/// Handles `replenish` jobs.
public struct ReplenishHandler: JobHandler {
    let services: FulfilmentServices

    public init(services: FulfilmentServices) {
        self.services = services
    }

    public func handle(_ job: ReplenishJob, context: JobContext) throws {
        try services.with { resources in
            let skus = try InventoryStore(connection: resources.postgres).skuIds()
            try skus.map { FollowUp.reorder(skuId: $0) }.run(resources)
            context.logger.info("replenish planned", metadata: ["skus": "\(skus.count)"])
        }
    }
}
