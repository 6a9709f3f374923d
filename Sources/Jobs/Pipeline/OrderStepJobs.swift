// The per-order steps after classify. Each names the order by its TikTok id; the handler reads
// everything else from PostgreSQL, so a re-enqueued or duplicated job has no second effect.

/// Holds stock for every line of an order (or backorders it).
public struct ReserveJob: JobPayload, Equatable {
    public static let kind = "reserve"
    public var orderId: String
    public init(orderId: String) { self.orderId = orderId }
    enum CodingKeys: String, CodingKey { case orderId = "order_id" }
    public var correlation: String? { orderId }
}

/// Rate-shops carriers and buys the order's label.
public struct LabelJob: JobPayload, Equatable {
    public static let kind = "label"
    public var orderId: String
    public init(orderId: String) { self.orderId = orderId }
    enum CodingKeys: String, CodingKey { case orderId = "order_id" }
    public var correlation: String? { orderId }
}

/// Tells TikTok Shop the order's package shipped, with the label's tracking number.
public struct TrackingSyncJob: JobPayload, Equatable {
    public static let kind = "tracking-sync"
    public var orderId: String
    public init(orderId: String) { self.orderId = orderId }
    enum CodingKeys: String, CodingKey { case orderId = "order_id" }
    public var correlation: String? { orderId }
}
