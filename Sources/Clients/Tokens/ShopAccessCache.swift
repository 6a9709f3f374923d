// Credentials one worker slot read recently, so back-to-back TikTok calls for a shop do not read
// and decrypt the shop's row every time (two reads per order before). An entry serves for
// `lifetime` at most and never past the moment its access token needs refreshing, so a cached
// token is always one the row would still hand out as is. A token TikTok rejects is dropped at
// once (`ShopAccessProvider.withAccess`). What the row says meanwhile (a re-authorization mark,
// tokens stored by `shops connect`) is seen within `lifetime`.

import Foundation

/// Recently read shop credentials of one slot; used by one thread at a time.
public final class ShopAccessCache {
    /// How long an entry serves without reading the shop's row again.
    public static let defaultLifetime: TimeInterval = 10

    private struct Entry {
        var access: ShopAccess
        var servesUntil: Date
    }

    private let lifetime: TimeInterval
    private var entries: [String: Entry] = [:]

    public init(lifetime: TimeInterval = ShopAccessCache.defaultLifetime) {
        self.lifetime = lifetime
    }

    /// The shop's cached credentials while they still serve at `now`.
    func access(tiktokShopId: String, now: Date) -> ShopAccess? {
        guard let entry = entries[tiktokShopId] else { return nil }
        guard now < entry.servesUntil else {
            entries[tiktokShopId] = nil
            return nil
        }
        return entry.access
    }

    /// Keeps `access`, read at `now`, until `lifetime` has passed or its token needs refreshing
    /// (`refreshFrom`), whichever comes first.
    func remember(_ access: ShopAccess, readAt now: Date, refreshFrom: Date) {
        let until = min(now.addingTimeInterval(lifetime), refreshFrom)
        guard now < until else { return }
        entries[access.shopId] = Entry(access: access, servesUntil: until)
    }

    /// Drops the shop's entry (TikTok rejected its token).
    func forget(tiktokShopId: String) {
        entries[tiktokShopId] = nil
    }
}
