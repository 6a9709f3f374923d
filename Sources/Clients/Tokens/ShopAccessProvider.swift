// Hands out live credentials for a shop, refreshing the access token ahead of expiry. The
// refresh happens under a row lock on the shop (SELECT … FOR UPDATE, bounded by the session's
// lock_timeout), so with many workers in many processes exactly one refreshes; the others wait on
// the lock, then read the new token. A refresh token TikTok rejects marks the shop as needing
// re-authorization: from then on its calls fail at once with `ShopNeedsReauthorization` (their
// jobs wait without burning attempts) until `creatorflow shops connect` stores new tokens.
// A slot's `ShopAccessCache`, when given, answers repeated asks for a shop without the row.

import Foundation

/// Live `ShopAccess` for shop-scoped calls, refreshed at most once per expiry across processes.
public struct ShopAccessProvider {
    private let store: any ShopTokenStore
    private let client: TikTokShopClient
    private let now: @Sendable () -> Date
    private let cache: ShopAccessCache?

    public init(
        store: any ShopTokenStore, client: TikTokShopClient, cache: ShopAccessCache? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.client = client
        self.cache = cache
        self.now = now
    }

    /// Credentials for `tiktokShopId` whose access token is valid beyond the refresh margin.
    public func access(tiktokShopId: String) throws -> ShopAccess {
        let readAt = now()
        if let cached = cache?.access(tiktokShopId: tiktokShopId, now: readAt) { return cached }
        let shop = try store.credentials(tiktokShopId: tiktokShopId, lock: false)
        if shop.needsReauthorization {
            throw ShopNeedsReauthorization(tiktokShopId: tiktokShopId, newlyMarked: false)
        }
        if !shop.token.needsRefresh(now: readAt, margin: margin) {
            return remembered(shop, token: shop.token, readAt: readAt)
        }
        return try refresh(tiktokShopId: tiktokShopId, unless: { !$0.needsRefresh(now: now(), margin: margin) })
    }

    private var margin: Duration { client.configuration.refreshMargin }

    /// Runs `call` with the shop's credentials; when TikTok rejects the token, refreshes it (once,
    /// unless another worker already did) and runs `call` again.
    public func withAccess<T>(tiktokShopId: String, _ call: (ShopAccess) throws -> T) throws -> T {
        let first = try access(tiktokShopId: tiktokShopId)
        do {
            return try call(first)
        } catch let error as TikTokAPIError where error.isTokenError {
            cache?.forget(tiktokShopId: tiktokShopId)
            let fresh = try refresh(tiktokShopId: tiktokShopId, unless: { $0.accessToken != first.accessToken })
            return try call(fresh)
        }
    }

    /// Locks the row and refreshes, unless `alreadyFresh` says another worker did it meanwhile.
    private func refresh(tiktokShopId: String, unless alreadyFresh: (TikTokToken) -> Bool) throws -> ShopAccess {
        do {
            return try refreshLocked(tiktokShopId: tiktokShopId, unless: alreadyFresh)
        } catch let error as TikTokAPIError where error.isRefreshTokenRejected {
            let newly = try store.markNeedsReauthorization(tiktokShopId: tiktokShopId)
            throw ShopNeedsReauthorization(tiktokShopId: tiktokShopId, newlyMarked: newly)
        }
    }

    private func refreshLocked(tiktokShopId: String, unless alreadyFresh: (TikTokToken) -> Bool) throws -> ShopAccess {
        try store.inTransaction {
            let shop = try store.credentials(tiktokShopId: tiktokShopId, lock: true)
            if shop.needsReauthorization {
                throw ShopNeedsReauthorization(tiktokShopId: tiktokShopId, newlyMarked: false)
            }
            if alreadyFresh(shop.token) { return remembered(shop, token: shop.token, readAt: now()) }
            let renewed = try client.refreshToken(shop.token.refreshToken)
            try store.saveToken(renewed, tiktokShopId: tiktokShopId)
            return remembered(shop, token: renewed, readAt: now())
        }
    }

    /// `shop`'s access with `token`, kept in the cache (if any) while it serves.
    private func remembered(_ shop: ShopCredentials, token: TikTokToken, readAt: Date) -> ShopAccess {
        let access = ShopAccess(shopId: shop.tiktokShopId, cipher: shop.cipher, accessToken: token.accessToken)
        cache?.remember(access, readAt: readAt, refreshFrom: token.refreshFrom(margin: margin))
        return access
    }
}
