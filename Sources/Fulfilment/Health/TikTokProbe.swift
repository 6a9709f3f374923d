// Probes the TikTok Shop API the way the pipeline uses it: one shop-scoped call
// (`GET /logistics/202309/warehouses`) for a connected shop, timed, sent once with a short timeout
// and no retries. It bypasses the fleet's rate limiter on purpose: a probe must not queue behind
// a burst for a slot (two calls a minute are noise against the 1,000/min quota), and a 429 from
// TikTok itself is what it should see.

import Clients
import Domain
import Foundation
import Queue
import Store
import Upstream

/// The `tiktok_api` probe (critical).
///
/// - breaker open → `down` without calling; answered → graded by `ProbeLimits.tiktokMilliseconds`;
/// - timeout, connection failure or 5xx → `down`; throttled (429) → `degraded`;
/// - token rejected or another client error → `critical` (nothing will succeed until someone acts);
/// - TikTok not configured → `down`; no shop connected → `degraded` (nothing to fulfil for yet).
struct TikTokProbe {
    static let name = "tiktok_api"
    /// The breaker every TikTok Shop call goes through.
    static let upstream = "tiktok"
    let resources: FulfilmentResources
    let services: FulfilmentServices
    let limits: ProbeLimits

    func run(breaker: BreakerStatus?) -> ProbeReport {
        var details: [String: JSONValue] = [:]
        if let breaker { details["breaker"] = .string(breaker.state.rawValue) }
        if breaker?.state == .open {
            return ProbeReport(Self.name, .down, critical: true, reason: "circuit breaker open", details: details)
        }
        do {
            guard let shopId = try connectedShop() else {
                return ProbeReport(
                    Self.name, .degraded, critical: true, reason: "no shop connected (creatorflow shops connect)",
                    details: details)
            }
            var configuration = try services.integrations.requireTikTok()
            configuration.http.totalTimeout = .seconds(limits.tiktokTimeoutSeconds)
            configuration.http.connectTimeout = .seconds(min(2, limits.tiktokTimeoutSeconds))
            let client = try TikTokShopClient(
                configuration: configuration, gate: nil, retry: .never, now: services.now)
            let access = ShopAccessProvider(
                store: PostgresShopTokenStore(connection: resources.postgres, cipher: try services.tokenCipher()), client: client,
                now: services.now)
            details["shop_id"] = .string(shopId)
            let elapsed = try Stopwatch.milliseconds {
                _ = try access.withAccess(tiktokShopId: shopId) { try client.warehouses(shop: $0) }
            }
            return .timed(Self.name, milliseconds: elapsed, limit: limits.tiktokMilliseconds, critical: true, details: details)
        } catch {
            return ProbeReport(Self.name, Self.status(of: error), critical: true, reason: "\(error)", details: details)
        }
    }

    /// How bad a failed call is for the pipeline.
    static func status(of error: any Error) -> SubsystemStatus {
        guard let error = error as? any ClassifiedError else { return .down }
        if error.isUpstreamFailure { return .down }
        return error.isRetryable ? .degraded : .critical
    }

    /// A connected shop to probe with (the first connected).
    private func connectedShop() throws -> String? {
        try ShopStore(connection: resources.postgres).connectedShopIds().first
    }
}
