// Video analytics polls in PostgreSQL: a poll's snapshots in one INSERT and the videos' product
// tags in another, in one transaction; and a SKU's snapshots over a time range, read through
// the products its inventory row names. The hourly series is Domain's `ContentSeries`.

import Domain
import Foundation

/// Writes and reads video snapshots through one connection (on its thread).
public struct ContentSnapshotStore {
    private let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Stores one poll of shop `shopId` taken at `polledAt`; a video listed twice, or a poll
    /// stored again, is written once. Returns how many snapshots were new.
    @discardableResult
    public func insertPoll(_ videos: [VideoPerformance], shopId: Int64, polledAt: Date) throws -> Int {
        let snapshots = videos.map { video -> [PostgresValue?] in
            [
                .int64(shopId), .string(video.id), .date(polledAt), .int64(video.views),
                video.unitsSold.map(PostgresValue.int64), video.skuOrders.map(PostgresValue.int64), video.clickThroughRate.map(PostgresValue.double),
                video.postedAt.map(PostgresValue.date),
            ]
        }
        let links = videos.flatMap { video in
            video.productIds.map { [.int64(shopId), .string(video.id), .string($0)] as [PostgresValue?] }
        }
        return try connection.withTransaction { connection in
            try connection.insert(Self.linkInsert, rows: links)
            return try connection.insert(
                Self.snapshotInsert, rows: snapshots, rowsPerStatement: Self.snapshotInsert.maxRowsPerStatement)
        }
    }

    /// Snapshots in `(after, through]` of the videos tagging the product of SKU `skuId`, each
    /// video once per poll however many of the SKU's products it tags.
    public func snapshots(skuId: String, after: Date, through: Date) throws -> [VideoSnapshot] {
        try connection.fetch(Self.snapshotsQuery(skuId: skuId, after: after, through: through))
    }

    static func snapshotsQuery(skuId: String, after: Date, through: Date) -> PostgresQuery<[VideoSnapshot]> {
        PostgresQuery(
            """
            SELECT s.video_id, s.polled_at, s.views, s.click_through_rate, s.video_post_time
            FROM content_video_snapshots s
            WHERE (s.shop_id, s.video_id) IN (
                SELECT l.shop_id, l.video_id FROM content_video_products l
                JOIN inventory i ON i.product_id = l.product_id WHERE i.sku_id = $1)
              AND s.polled_at > $2 AND s.polled_at <= $3
            ORDER BY s.video_id, s.polled_at
            """, [.string(skuId), .date(after), .date(through)]
        ) { rows in
            try rows.map { row in
                VideoSnapshot(
                    videoId: try row["video_id", as: String.self], polledAt: try row["polled_at", as: Date.self],
                    views: try row["views", as: Int64.self], clickThroughRate: try row["click_through_rate", as: Double?.self],
                    postedAt: try row["video_post_time", as: Date?.self])
            }
        }
    }

    /// SKU `skuId`'s content series for the `hours` hours ending at `end` (``ContentSeries``),
    /// from its snapshots of those hours and the two before (for the first hour's acceleration
    /// and the poll before it).
    public func hourlySeries(skuId: String, hours: Int, endingAt end: Date) throws -> [ContentHour] {
        try connection.fetch(Self.hourlySeriesQuery(skuId: skuId, hours: hours, endingAt: end))
    }

    /// ``hourlySeries(skuId:hours:endingAt:)`` as a query to send with others.
    public static func hourlySeriesQuery(skuId: String, hours: Int, endingAt end: Date) -> PostgresQuery<[ContentHour]> {
        let start = end.addingTimeInterval(-Double(hours + 2) * 3600)
        return snapshotsQuery(skuId: skuId, after: start, through: end).map {
            ContentSeries.hourly($0, hours: hours, endingAt: end)
        }
    }

    private static let snapshotInsert = MultiRowInsert(
        into: "content_video_snapshots",
        columns: [
            "shop_id", "video_id", "polled_at", "views", "units_sold", "sku_orders", "click_through_rate", "video_post_time",
        ], suffix: "ON CONFLICT (shop_id, video_id, polled_at) DO NOTHING")

    private static let linkInsert = MultiRowInsert(
        into: "content_video_products", columns: ["shop_id", "video_id", "product_id"],
        suffix: "ON CONFLICT (shop_id, video_id, product_id) DO NOTHING")
}
