// `content-sync` (scheduled every 5 minutes): the content monitor. Per connected shop it reads the
// last week's video performance from TikTok Shop Analytics (signed, rate-limited and behind the
// breaker like every TikTok call; at most `maxPages` pages), stores the poll's snapshots, and
// asks `reorder` to plan the SKUs those videos tag, so a view surge reaches the planner before its
// orders do. A shop without the analytics scope raises one alert and is skipped while it is open:
// only a new authorization grants a scope, and `creatorflow shops connect` resolves the alert. A
// shop waiting for re-authorization is skipped.

import Clients
import Domain
import Foundation
import Jobs
import Store
import Worker

/// Handles `content-sync` jobs.
public struct ContentSyncHandler: JobHandler {
    /// Days of performance each poll asks for (cumulative counts; the rate comes from two polls).
    static let windowDays = 7
    /// Pages read per shop and poll (100 videos each).
    static let maxPages = 10

    let services: FulfilmentServices

    public init(services: FulfilmentServices) {
        self.services = services
    }

    public func handle(_ job: ContentSyncJob, context: JobContext) throws {
        try services.with { resources in
            let shops = try ShopStore(connection: resources.postgres).shops().filter {
                $0.accessTokenExpiresAt != nil && $0.needsReauthorizationSince == nil
            }
            var firstFailure: (any Error)?
            for shop in shops {
                do {
                    try poll(shop.tiktokShopId, resources: resources, context: context)
                } catch {
                    context.logger.warning(
                        "content poll failed", metadata: ["shop_id": "\(shop.tiktokShopId)", "error": "\(error)"])
                    firstFailure = firstFailure ?? error
                }
            }
            if let firstFailure { throw firstFailure }
        }
    }

    /// Polls one shop, unless it is known to lack the analytics scope.
    private func poll(_ tiktokShopId: String, resources: FulfilmentResources, context: JobContext) throws {
        let now = services.now()
        let alerts = AlertStore(connection: resources.postgres)
        let alertKey = Self.scopeAlertKey(tiktokShopId)
        if try alerts.openAlert(key: alertKey) != nil { return }
        let client = try resources.tiktok()
        let videos: ShopVideoPoll
        do {
            videos = try resources.shopAccess().withAccess(tiktokShopId: tiktokShopId) { access in
                try client.allVideoPerformance(.lastDays(Self.windowDays, endingAt: now), maxPages: Self.maxPages, shop: access)
            }
        } catch is TikTokAnalyticsScopeMissing {
            if try alerts.open(key: alertKey, severity: .warning, message: Self.scopeMessage(tiktokShopId), at: now) {
                AlertNotifier(services: services).send(Self.scopeMessage(tiktokShopId))
            }
            return
        }
        guard let shopRowId = try ShopStore(connection: resources.postgres).rowId(tiktokShopId: tiktokShopId) else { return }
        let (stored, skus) = try resources.postgres.withTransaction { db in
            let stored = try ContentSnapshotStore(connection: db).insertPoll(videos.videos, shopId: shopRowId, polledAt: now)
            let skus = try InventoryStore(connection: db).skuIds(productIds: Array(Set(videos.videos.flatMap(\.productIds))))
            return (stored, skus)
        }
        try skus.map { FollowUp.reorder(skuId: $0) }.run(resources)
        context.logger.info(
            "content polled",
            metadata: [
                "shop_id": "\(tiktokShopId)", "videos": "\(videos.videos.count)", "stored": "\(stored)",
                "skipped": "\(videos.skipped)", "truncated": "\(videos.isTruncated)", "skus": "\(skus.count)",
            ])
    }

    /// The alerts-table key of shop `tiktokShopId`'s missing analytics scope.
    public static func scopeAlertKey(_ tiktokShopId: String) -> String { "analytics.scope:\(tiktokShopId)" }

    static func scopeMessage(_ tiktokShopId: String) -> String {
        "TikTok shop \(tiktokShopId) has not granted \(TikTokAnalyticsScopeMissing.scope): its videos are not monitored"
            + " (viral spikes are seen from orders only). Reconnect it with the scope: creatorflow shops connect"
    }
}
