// Stock in PostgreSQL. Reservations are all-or-nothing per order and atomic per SKU: the
// conditional UPDATE only adds to `reserved` while `on_hand − reserved` covers the units, so
// concurrent workers can never oversell (the table's CHECK backs it up).

import Foundation
import Store

/// One SKU's stock and purchasing data.
public struct InventoryRecord: Sendable, Equatable {
    public var skuId: String
    public var onHand: Int
    public var reserved: Int
    public var safetyStock: Int
    public var supplierLeadTimeHours: Int
    public var unitCostMinor: Int
    public var currency: String
    public var productId: String?
    public var warehouseId: String?
    /// Units free to sell: on hand minus reserved.
    public var available: Int { onHand - reserved }
}

/// Reads and writes `inventory` and `reservations` on one connection.
public struct InventoryStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Makes sure `skuId` has an inventory row (with nothing on hand when it is new). Takes no row
    /// lock on an existing SKU unless its product id is still unknown, so classifying many orders
    /// of one SKU does not queue behind its reservations.
    public func ensure(skuId: String, productId: String? = nil) throws {
        try connection.execute(
            "INSERT INTO inventory (sku_id, product_id) VALUES ($1, $2) ON CONFLICT (sku_id) DO NOTHING",
            [.string(skuId), productId.map { .string($0) }])
        if let productId {
            try connection.execute(
                "UPDATE inventory SET product_id = $2 WHERE sku_id = $1 AND product_id IS NULL",
                [.string(skuId), .string(productId)])
        }
    }

    /// The SKU's stock, or nil when it has no row.
    public func record(skuId: String) throws -> InventoryRecord? {
        try connection.query(
            """
            SELECT sku_id, on_hand, reserved, safety_stock, supplier_lead_time_hours, unit_cost_minor, currency,
                   product_id, warehouse_id
            FROM inventory WHERE sku_id = $1
            """, [.string(skuId)]
        ).first.map { row in
            InventoryRecord(
                skuId: try row["sku_id", as: String.self], onHand: try row["on_hand", as: Int.self],
                reserved: try row["reserved", as: Int.self], safetyStock: try row["safety_stock", as: Int.self],
                supplierLeadTimeHours: try row["supplier_lead_time_hours", as: Int.self],
                unitCostMinor: try row["unit_cost_minor", as: Int.self], currency: try row["currency", as: String.self],
                productId: try row["product_id", as: String?.self], warehouseId: try row["warehouse_id", as: String?.self])
        }
    }

    /// Holds every line of order `orderId`, or nothing: returns the SKUs that were short (empty
    /// when all were reserved). Must run inside a transaction; lines are taken in SKU order so
    /// concurrent reservations lock rows in the same order and never deadlock.
    public func reserve(orderId: Int64, lines: [OrderLine]) throws -> [String] {
        var short: [String] = []
        do {
            try connection.withTransaction { connection in
                for line in lines.sorted(by: { $0.skuId < $1.skuId }) {
                    let held = try connection.execute(
                        """
                        UPDATE inventory SET reserved = reserved + $2, updated_at = now()
                        WHERE sku_id = $1 AND on_hand - reserved >= $2
                        """, [.string(line.skuId), .int(line.quantity)])
                    if held == 0 { short.append(line.skuId) }
                }
                guard short.isEmpty else { throw ShortStock() }
                for line in lines {
                    try connection.execute(
                        """
                        INSERT INTO reservations (order_id, sku_id, quantity, state) VALUES ($1, $2, $3, 'held')
                        ON CONFLICT (order_id, sku_id) DO UPDATE SET quantity = excluded.quantity, state = 'held', updated_at = now()
                        """, [.int64(orderId), .string(line.skuId), .int(line.quantity)])
                }
            }
        } catch is ShortStock {}
        return short
    }

    /// Gives back every held reservation of order `orderId`; returns the SKUs whose stock changed.
    @discardableResult
    public func release(orderId: Int64) throws -> [String] {
        try settleHeld(orderId: orderId, as: "released", shipped: false)
    }

    /// Turns order `orderId`'s held reservations into shipped stock (on hand and reserved both drop).
    @discardableResult
    public func consume(orderId: Int64) throws -> [String] {
        try settleHeld(orderId: orderId, as: "consumed", shipped: true)
    }

    /// Ends the order's held reservations in `state`, returning their units from `reserved` (and
    /// from `on_hand` too when they `shipped`); returns the SKUs whose stock changed.
    private func settleHeld(orderId: Int64, as state: String, shipped: Bool) throws -> [String] {
        try connection.query(
            """
            WITH settled AS (
                UPDATE reservations SET state = $2, updated_at = now()
                WHERE order_id = $1 AND state = 'held'
                RETURNING sku_id, quantity
            )
            UPDATE inventory i SET reserved = i.reserved - s.quantity,
                on_hand = i.on_hand - CASE WHEN $3 THEN s.quantity ELSE 0 END, updated_at = now()
            FROM settled s WHERE i.sku_id = s.sku_id
            RETURNING i.sku_id
            """, [.int64(orderId), .string(state), .bool(shipped)]
        ).map { try $0["sku_id", as: String.self] }
    }

    /// Marks `skuIds` as needing a TikTok stock sync and returns those that were not already
    /// pending: only they need a `stock-sync` job (so a burst of changes makes one job per SKU).
    public func requestSync(skuIds: [String]) throws -> [String] {
        if skuIds.isEmpty { return [] }
        return try connection.query(
            """
            UPDATE inventory SET sync_pending = true
            WHERE sku_id = ANY($1::text[]) AND NOT sync_pending
            RETURNING sku_id
            """, [.string(PostgresArray.text(skuIds))]
        ).map { try $0["sku_id", as: String.self] }
    }
}

/// Thrown inside `reserve` to roll back a partial reservation.
private struct ShortStock: Error {}

