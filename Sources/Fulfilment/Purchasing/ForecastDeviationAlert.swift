// The spec's forecast monitoring loop: a SKU's latest purchase forecast, an hour or more old, is
// compared with what sold since; the realised deviation is stored (served on `/metrics`) and a
// `forecast.deviation:<sku>` alert is open while demand misses the forecast by more than 20 %
// (beyond Poisson noise).

import Domain
import Foundation
import Store

/// Checks one SKU's forecast and keeps its deviation alert in step.
enum ForecastDeviationAlert {
    /// A forecast is checked once this much selling has followed it: an hour.
    static let minimumAge: Double = 3600
    /// A forecast older than this (a day: the horizon of its expected rate) is no longer checked.
    static let maximumAge: Double = 24 * 3600

    static func key(skuId: String) -> String { "forecast.deviation:\(skuId)" }

    /// Checks `skuId`'s due forecast inside the caller's transaction; returns the text to notify
    /// after commit when the alert opened or resolved, nil when nothing changed or nothing was due.
    static func apply(skuId: String, connection: PostgresConnection, now: Date) throws -> String? {
        let forecasts = ForecastStore(connection: connection)
        guard
            let forecast = try forecasts.latest(skuId: skuId, now: now, minimumAge: minimumAge, maximumAge: maximumAge)
        else { return nil }
        let sold = try DemandStore(connection: connection).unitsSold(skuId: skuId, after: forecast.madeAt, through: now)
        let hours = now.timeIntervalSince(forecast.madeAt) / 3600
        let check = ForecastCheck.evaluate(expectedRate: forecast.expectedUnitsPerHour, soldUnits: Double(sold), hours: hours)
        try forecasts.recordCheck(
            purchaseOrderId: forecast.purchaseOrderId, at: now, actualUnitsPerHour: check.actualRate,
            deviation: check.deviation)
        let alerts = AlertStore(connection: connection)
        let key = key(skuId: skuId)
        if check.exceedsTolerance {
            let text = String(
                format: "FORECAST DEVIATION: SKU %@ sold %.1f units/h over the last %.1f h against %.1f forecast (%+.0f%%)",
                skuId, check.actualRate, hours, forecast.expectedUnitsPerHour, check.deviation * 100)
            return try alerts.open(key: key, severity: .warning, message: text, at: now) ? text : nil
        }
        return try alerts.resolve(key: key, at: now)
            ? "Resolved: SKU \(skuId) sells within \(Int(ForecastCheck.tolerance * 100)) % of its forecast again." : nil
    }
}
