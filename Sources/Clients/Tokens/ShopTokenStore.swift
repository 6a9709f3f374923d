// Where shop credentials live, as the token refresher and onboarding need it: the fleet keeps
// them in PostgreSQL, encrypted (Fulfilment's `PostgresShopTokenStore`); Clients sees only this.

import Domain
import Foundation

/// A shop's live credentials: its cipher, tokens in clear and whether it must be authorized again.
public struct ShopCredentials: Sendable, Equatable {
    public var tiktokShopId: String
    public var cipher: String
    public var token: TikTokToken
    /// TikTok rejected the shop's refresh token; only `creatorflow shops connect` mends it.
    public var needsReauthorization: Bool

    public init(tiktokShopId: String, cipher: String, token: TikTokToken, needsReauthorization: Bool) {
        self.tiktokShopId = tiktokShopId
        self.cipher = cipher
        self.token = token
        self.needsReauthorization = needsReauthorization
    }
}

/// Stores shops and their tokens.
public protocol ShopTokenStore {
    /// Inserts or updates `shop` with `token`, clearing any re-authorization mark.
    func save(_ shop: AuthorizedShop, token: TikTokToken) throws
    /// Replaces the tokens of a stored shop (``ShopTokenError/unknownShop(_:)`` if there is none).
    func saveToken(_ token: TikTokToken, tiktokShopId: String) throws
    /// Marks the shop as needing re-authorization; true when this call marked it.
    func markNeedsReauthorization(tiktokShopId: String) throws -> Bool
    /// The shop's credentials; `lock` holds the shop's row until the enclosing transaction ends.
    func credentials(tiktokShopId: String, lock: Bool) throws -> ShopCredentials
    /// Runs `body` in one transaction of the store (for `lock`).
    func inTransaction<T>(_ body: () throws -> T) throws -> T
}

/// A shop or its tokens are missing.
public enum ShopTokenError: DispositionedError, Sendable, Equatable, CustomStringConvertible {
    case unknownShop(String)
    case noToken(String)

    /// Only connecting the shop (`creatorflow shops connect`) mends either.
    public var disposition: ErrorDisposition { .permanent }

    public var description: String {
        switch self {
        case .unknownShop(let id): return "shop \(id) is not connected"
        case .noToken(let id): return "shop \(id) has no stored token; connect it again"
        }
    }
}
