// The forecasts behind purchase orders (`purchase_forecasts`): recorded with the order, checked
// once an hour or more of sales has followed, read back for `/metrics`.

import Foundation

/// A recorded forecast still to be (or last) checked.
public struct RecordedForecast: Sendable, Equatable {
    public var purchaseOrderId: Int64
    public var skuId: String
    public var madeAt: Date
    public var expectedUnitsPerHour: Double
}

/// A SKU's latest checked forecast.
public struct CheckedForecast: Sendable, Equatable {
    public var skuId: String
    public var checkedAt: Date
    public var expectedUnitsPerHour: Double
    public var actualUnitsPerHour: Double
    public var deviation: Double
}

/// Reads and writes `purchase_forecasts` on one connection.
public struct ForecastStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Records the forecast (units/h over the next day, and its surge evidence) behind purchase order `purchaseOrderId`.
    public func record(
        purchaseOrderId: Int64, skuId: String, madeAt: Date, expectedUnitsPerHour: Double, evidence: String
    ) throws {
        try connection.execute(
            """
            INSERT INTO purchase_forecasts (purchase_order_id, sku_id, made_at, expected_units_per_hour, evidence)
            VALUES ($1, $2, $3, $4, $5) ON CONFLICT (purchase_order_id) DO NOTHING
            """,
            [.int64(purchaseOrderId), .string(skuId), .date(madeAt), .double(expectedUnitsPerHour), .string(evidence)])
    }

    /// `skuId`'s latest forecast made at least `minimumAge` seconds and at most `maximumAge` seconds before `now`.
    public func latest(skuId: String, now: Date, minimumAge: Double, maximumAge: Double) throws -> RecordedForecast? {
        try connection.query(
            """
            SELECT purchase_order_id, sku_id, made_at, expected_units_per_hour FROM purchase_forecasts
            WHERE sku_id = $1 AND made_at <= $2 AND made_at >= $3 ORDER BY made_at DESC LIMIT 1
            """,
            [.string(skuId), .date(now.addingTimeInterval(-minimumAge)), .date(now.addingTimeInterval(-maximumAge))]
        ).first.map {
            RecordedForecast(
                purchaseOrderId: try $0["purchase_order_id", as: Int64.self], skuId: try $0["sku_id", as: String.self],
                madeAt: try $0["made_at", as: Date.self], expectedUnitsPerHour: try $0["expected_units_per_hour", as: Double.self])
        }
    }

    /// Stores what a check of forecast `purchaseOrderId` found at `time`.
    public func recordCheck(purchaseOrderId: Int64, at time: Date, actualUnitsPerHour: Double, deviation: Double) throws {
        try connection.execute(
            """
            UPDATE purchase_forecasts SET checked_at = $2, actual_units_per_hour = $3, deviation = $4
            WHERE purchase_order_id = $1
            """, [.int64(purchaseOrderId), .date(time), .double(actualUnitsPerHour), .double(deviation)])
    }

    /// Every SKU's most recently checked forecast, by SKU.
    public func latestChecks() throws -> [CheckedForecast] {
        try connection.query(
            """
            SELECT DISTINCT ON (sku_id) sku_id, checked_at, expected_units_per_hour, actual_units_per_hour, deviation
            FROM purchase_forecasts WHERE checked_at IS NOT NULL ORDER BY sku_id, checked_at DESC
            """
        ).map {
            CheckedForecast(
                skuId: try $0["sku_id", as: String.self], checkedAt: try $0["checked_at", as: Date.self],
                expectedUnitsPerHour: try $0["expected_units_per_hour", as: Double.self],
                actualUnitsPerHour: try $0["actual_units_per_hour", as: Double.self],
                deviation: try $0["deviation", as: Double.self])
        }
    }
}
