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

/// Applies a shipment's carrier tracking to its order (a `delivered` scan moves a shipped order to
/// delivered). Enqueued by the EasyPost intake, which only stores the scans.
public struct TrackingUpdateJob: JobPayload, Equatable {
    public static let kind = "tracking-update"
    public var shipmentId: Int64
    public init(shipmentId: Int64) { self.shipmentId = shipmentId }
    enum CodingKeys: String, CodingKey { case shipmentId = "shipment_id" }

    /// One id per shipment and carrier status: a redelivered webhook adds no second job.
    public static func jobID(shipmentId: Int64, status: String) -> String { "trk-\(shipmentId)-\(status)" }
}
