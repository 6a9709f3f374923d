// A SKU's demand signal (its order velocity and, when the content monitor measured its videos, S001's
// content score) and stock forecast as of now, from PostgreSQL: what classify scores urgency with and
// what raises or resolves the critical stock alert.

import Domain
import Foundation
import Store

/// The viral signal and forecast of one SKU.
public struct SkuOutlook: Sendable, Equatable {
    public var skuId: String
    public var signal: ViralSignal
    public var forecast: StockForecast
    public var inventory: InventoryRecord?

    /// Reads `skuId`'s sales and stock on `connection` and forecasts with `settings` at `now`;
    /// `withContent` also reads the content monitor's newest hour (for the viral score: classify).
    static func read(
        skuId: String, connection: PostgresConnection, settings: FulfilmentSettings, now: Date, withContent: Bool = true
    ) throws -> SkuOutlook {
        try connection.fetch(query(skuId: skuId, settings: settings, now: now, withContent: withContent))
    }

    /// ``read(skuId:connection:settings:now:withContent:)``'s reads as one query, to send in one
    /// round trip (with others).
    static func query(skuId: String, settings: FulfilmentSettings, now: Date, withContent: Bool = true)
        -> PostgresQuery<SkuOutlook>
    {
        let detector = settings.viral
        let content: PostgresQuery<[ContentHour]> =
            withContent ? ContentSnapshotStore.hourlySeriesQuery(skuId: skuId, hours: 2, endingAt: now) : .constant([])
        return DemandStore.unitsSoldQuery(skuId: skuId, in: detector.windows(endingAt: now)).and(content)
            .and(InventoryStore.recordQuery(skuId: skuId))
            .map { answers in
                let ((units, content), inventory) = answers
                let signal = detector.detect(units, content: latestMetrics(content))
                let forecast = StockForecast.make(
                    availableStock: inventory?.available ?? 0, signal: signal, thresholds: settings.stockThresholds)
                return SkuOutlook(skuId: skuId, signal: signal, forecast: forecast, inventory: inventory)
            }
    }

    /// Whether the planner should look at this SKU now rather than at the next `replenish` tick or
    /// content poll: its stock, at the rate it sells now, lasts less than the monitoring threshold.
    /// (A spike on ample stock waits for those: a reorder per reserved order would cost more than
    /// the whole order.)
    public var needsPlanningNow: Bool { forecast.level != .monitoring }

    /// S001's content metrics from the newest hour the content monitor measured; nil without one.
    static func latestMetrics(_ content: [ContentHour]) -> ContentMetrics? {
        guard let hour = content.last(where: { $0.viewsPerHour != nil }), let views = hour.viewsPerHour else { return nil }
        return ContentMetrics(
            viewVelocity: views, engagementRate: hour.clickThroughRate ?? 0, velocityAcceleration: hour.acceleration ?? 0,
            contentAgeHours: hour.freshestVideoAgeHours ?? 0)
    }
}
