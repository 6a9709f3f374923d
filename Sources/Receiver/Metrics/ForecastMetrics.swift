// Each SKU's latest checked purchase forecast as Prometheus text, read at scrape time from
// PostgreSQL: the realised deviation and the rates behind it.

import Store

/// `creatorflow_forecast_deviation_ratio`, `creatorflow_forecast_expected_units_per_hour` and
/// `creatorflow_forecast_actual_units_per_hour`, by SKU.
struct ForecastMetrics {
    let checks: [CheckedForecast]

    var text: String {
        guard !checks.isEmpty else { return "" }
        let series: [(name: String, help: String, value: (CheckedForecast) -> Double)] = [
            ("creatorflow_forecast_deviation_ratio", "Realised (actual - forecast) / forecast of the SKU's latest checked purchase forecast", \.deviation),
            ("creatorflow_forecast_expected_units_per_hour", "Demand the SKU's latest checked purchase forecast expected", \.expectedUnitsPerHour),
            ("creatorflow_forecast_actual_units_per_hour", "Demand that sold since the SKU's latest checked purchase forecast", \.actualUnitsPerHour),
        ]
        var text = ""
        for (name, help, value) in series {
            text += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
            for check in checks {
                text += "\(name){sku=\"\(UpstreamMetrics.escape(check.skuId))\"} \(value(check))\n"
            }
        }
        return text
    }
}
