// `tiktok-ping`: one shop-scoped TikTok Shop call (the shop's warehouses) through the slot's
// client, so through the fleet's rate limiter and breaker like every pipeline call.

import Clients
import Jobs
import Queue
import Store
import Worker

/// Handles `tiktok-ping` jobs.
public struct TikTokPingHandler: JobHandler {
    let services: FulfilmentServices

    public init(services: FulfilmentServices) {
        self.services = services
    }

    public func handle(_ job: TikTokPingJob, context: JobContext) throws {
        try services.with { resources in
            let shopId = try job.shopId ?? firstShop(resources)
            let warehouses = try resources.shopAccess().withAccess(tiktokShopId: shopId) { shop in
                try resources.tiktok().warehouses(shop: shop)
            }
            context.logger.debug("tiktok ping", metadata: ["shop_id": "\(shopId)", "warehouses": "\(warehouses.count)"])
        }
    }

    private func firstShop(_ resources: FulfilmentResources) throws -> String {
        guard let shop = try ShopStore(connection: resources.postgres).shops().first else {
            throw JobFailure.permanent("no TikTok shop is connected")
        }
        return shop.tiktokShopId
    }
}
