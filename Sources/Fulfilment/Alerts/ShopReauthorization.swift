// A shop whose refresh token TikTok rejected: one critical alert, raised by the job that found out;
// its jobs wait meanwhile (snoozed, no attempts used). `creatorflow shops connect` resumes it:
// the alert resolved, the waiting jobs re-driven at once.

import Clients
import Foundation
import Queue
import Store

/// Raising and resuming a shop that needs re-authorization.
public enum ShopReauthorization {
    /// The alert's key for shop `tiktokShopId`.
    public static func key(tiktokShopId: String) -> String { "shop-reauthorization:\(tiktokShopId)" }

    /// Opens the shop's alert (once) and notifies; a failure here is logged, never thrown over the
    /// job's own error.
    static func raise(_ error: ShopNeedsReauthorization, resources: FulfilmentResources) {
        let services = resources.services
        let message =
            "Shop \(error.tiktokShopId) needs re-authorization: TikTok Shop rejected its refresh token. "
            + "Its orders wait (no attempts used) until the seller authorizes the app again and "
            + "`creatorflow shops connect` runs."
        do {
            let opened = try AlertStore(connection: resources.postgres).open(
                key: key(tiktokShopId: error.tiktokShopId), severity: .critical, message: message, at: services.now())
            if opened { AlertNotifier(services: services).send(message) }
        } catch {
            services.logger.error("could not raise the shop's re-authorization alert", metadata: ["error": "\(error)"])
        }
    }

    /// After shop `tiktokShopId` was connected again: resolves its alerts (re-authorization, and a
    /// missing analytics scope, which only a new authorization grants) and moves the jobs that wait
    /// on it onto their queues now. Returns how many jobs moved.
    public static func resume(tiktokShopId: String, postgres: PostgresConnection, admin: QueueAdmin, now: Date) throws -> Int {
        let alerts = AlertStore(connection: postgres)
        try alerts.resolve(key: key(tiktokShopId: tiktokShopId), at: now)
        try alerts.resolve(key: ContentSyncHandler.scopeAlertKey(tiktokShopId), at: now)
        let reason = ShopNeedsReauthorization.reason(tiktokShopId: tiktokShopId)
        return try admin.runRetriesNow { $0.lastError == reason }
    }
}
