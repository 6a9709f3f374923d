// One slot's connections: PostgreSQL, Redis (to enqueue the next step) and the outbound clients,
// created when first needed. Used by one thread at a time (see `ResourcePool`).

import Clients
import Foundation
import Jobs
import Queue
import Store
import Worker

/// The connections a handler uses for one job.
public final class FulfilmentResources {
    public let postgres: PostgresConnection
    public let queue: RedisJobQueue
    let services: FulfilmentServices
    private var tiktokClient: TikTokShopClient?
    private var easyPostClient: EasyPostClient?
    private var supplierClient: SupplierClient?
    private var gateInstance: (any UpstreamGate)??
    private let shopAccessCache = ShopAccessCache()

    init(services: FulfilmentServices) throws {
        self.services = services
        self.postgres = try services.makePostgres()
        self.queue = try services.makeQueue()
    }

    /// The gate (rate limiter and breakers) this slot's clients share, if the fleet has one.
    public func gate() throws -> (any UpstreamGate)? {
        if let gateInstance { return gateInstance }
        let made = try services.makeGate?()
        gateInstance = .some(made)
        return made
    }

    /// The TikTok Shop client.
    public func tiktok() throws -> TikTokShopClient {
        if let tiktokClient { return tiktokClient }
        let client = try TikTokShopClient(
            configuration: try services.integrations.requireTikTok(), gate: try gate(), retry: services.callRetry)
        tiktokClient = client
        return client
    }

    /// Live credentials for shop-scoped TikTok calls (tokens refreshed ahead of expiry).
    public func shopAccess() throws -> ShopAccessProvider {
        ShopAccessProvider(
            store: PostgresShopTokenStore(connection: postgres, cipher: try services.tokenCipher()), client: try tiktok(),
            cache: shopAccessCache, now: services.now)
    }

    /// The EasyPost (carrier aggregator) client.
    public func easyPost() throws -> EasyPostClient {
        if let easyPostClient { return easyPostClient }
        let client = try EasyPostClient(
            configuration: try services.integrations.requireEasyPost(), gate: try gate(), retry: services.callRetry)
        easyPostClient = client
        return client
    }

    /// The supplier client.
    public func supplier() throws -> SupplierClient {
        if let supplierClient { return supplierClient }
        let client = try SupplierClient(
            configuration: try services.integrations.requireSupplier(), gate: try gate(), retry: services.callRetry)
        supplierClient = client
        return client
    }

    /// Enqueues `payload` as a new job on `queue` (the kind's configured or default queue when nil).
    public func enqueue<P: JobPayload>(_ payload: P, queue: String? = nil) throws {
        let policy = services.worker.policy(for: P.kind)
        let job = payload.newJob(
            queue: queue ?? policy.queue ?? P.defaultQueue, maxAttempts: policy.retry.maxAttempts,
            now: services.now().timeIntervalSince1970)
        try self.queue.enqueue([try job.encoded()])
    }
}
