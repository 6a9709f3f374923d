// A rate limit for a family of buckets, chosen by name prefix (`tiktok:app:` → per app).

/// At most `perWindow` requests in any rolling window for every bucket whose name starts with `prefix`.
public struct BucketLimit: Sendable, Equatable {
    public var prefix: String
    public var perWindow: Int

    public init(prefix: String, perWindow: Int) {
        self.prefix = prefix
        self.perWindow = max(1, perWindow)
    }

    /// TikTok Shop's limits: per app and per shop.
    public static func tiktok(perApp: Int, perShop: Int) -> [BucketLimit] {
        [BucketLimit(prefix: "tiktok:app:", perWindow: perApp), BucketLimit(prefix: "tiktok:shop:", perWindow: perShop)]
    }
}
