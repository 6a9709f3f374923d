// One SKU's row of the dashboard's stock panel, as PostgreSQL counts it.

import Domain
import Foundation

/// Stock, demand windows and purchasing of one SKU.
public struct DashboardStockRow: Sendable, Equatable {
    public var skuId: String
    public var onHand: Int
    public var reserved: Int
    /// Units sold in the viral detector's windows.
    public var units: WindowedUnits
    /// Orders waiting for this SKU's stock.
    public var backordered: Int
    /// Open purchase orders as a JSON array of `{id, quantity, status, expected_at}`.
    public var openPurchasesJSON: String

    public var available: Int { onHand - reserved }
}
