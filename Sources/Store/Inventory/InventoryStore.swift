// Stock in PostgreSQL. Reservations are all-or-nothing per order and atomic per SKU: an UPDATE
// only adds to `reserved` while `on_hand − reserved` covers the units — by its WHERE clause, or,
// for the statement sent with COMMIT, by the table's CHECK — so concurrent workers can never
// oversell.
//
// A viral SKU's inventory row is the fleet's hottest lock: on the per-order paths (reserve, and
// consume when the order ships) the statement that changes stock goes out together with its
// transaction's COMMIT, so the lock is held for the server's time only, never for a round trip;
// a cancellation's release is followed only by marking its webhook processed. Each raises the
// row's TikTok stock-sync request in the same statement, learning from `sync_requested_txid`
// whether it raised it (then a `stock-sync` job is needed) or one was already pending.

import Foundation

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

    /// Makes sure `skuId` has an inventory row (with nothing on hand when it is new) holding
    /// `productId`, given the row as the caller just read it (`existing`). Writes only a missing row
    /// or product id, so classifying many orders of one SKU never waits on the row lock its
    /// reservations hold; the write goes out with the transaction's next statement.
    public func ensure(skuId: String, productId: String?, existing: InventoryRecord?) throws {
        guard let existing else {
            return try connection.executeLater(
                "INSERT INTO inventory (sku_id, product_id) VALUES ($1, $2) ON CONFLICT (sku_id) DO NOTHING",
                [.string(skuId), productId.map { .string($0) }])
        }
        if let productId, existing.productId == nil {
            try connection.executeLater(
                "UPDATE inventory SET product_id = $2 WHERE sku_id = $1 AND product_id IS NULL",
                [.string(skuId), .string(productId)])
        }
    }

    /// The SKU's stock, or nil when it has no row.
    public func record(skuId: String) throws -> InventoryRecord? {
        try connection.fetch(Self.recordQuery(skuId: skuId))
    }

    /// ``record(skuId:)`` as a query to send with others.
    public static func recordQuery(skuId: String) -> PostgresQuery<InventoryRecord?> {
        PostgresQuery(
            """
            SELECT sku_id, on_hand, reserved, safety_stock, supplier_lead_time_hours, unit_cost_minor, currency,
                   product_id, warehouse_id
            FROM inventory WHERE sku_id = $1
            """, [.string(skuId)]
        ) { rows in try rows.first.map(InventoryRecord.init(row:)) }
    }

    /// Holds every line of order `orderId`, commits the caller's transaction and returns the SKUs
    /// that need a `stock-sync` job, with `reads` answered after COMMIT in the same round trip
    /// (see `PostgresConnection.queryAndCommit(_:_:thenFetch:)`); or throws ``ShortStock`` naming
    /// the SKUs that were short, with nothing committed (the caller's transaction rolls back, since
    /// earlier lines may be held). Must end the caller's `withTransaction`: lines are taken in SKU
    /// order, so concurrent reservations lock rows in the same order and never deadlock; every line
    /// but the last is held in one round trip, and the last row's UPDATE goes out with COMMIT, so
    /// the hottest lock is held for the server's time only. That UPDATE is unconditional: the
    /// table's `inventory_reserved_within_on_hand` CHECK refuses it when the units are not there
    /// (an inventory row always exists: reservations reference it). With no lines, nothing is held
    /// or committed here, and `reads` are answered inside the transaction.
    public func reserveAndCommit<Result>(orderId: Int64, lines: [OrderLine], thenFetch reads: PostgresQuery<Result>)
        throws -> (syncs: [String], reads: Result)
    {
        let sorted = lines.sorted(by: { $0.skuId < $1.skuId })
        guard let last = sorted.last else { return ([], try connection.fetch(reads)) }
        let held = try connection.fetch(
            .all(sorted.dropLast().map { line in
                PostgresQuery(Self.holdChecked, [.string(line.skuId), .int(line.quantity), .int64(orderId)]) {
                    rows in try rows.first.map { try $0["sync_raised", as: Bool.self] }
                }
            }))
        let short = zip(sorted, held).filter { $0.1 == nil }.map(\.0.skuId)
        guard short.isEmpty else { throw ShortStock(skuIds: short) }
        var syncs = zip(sorted, held).filter { $0.1 == true }.map(\.0.skuId)
        do {
            let (rows, answers) = try connection.queryAndCommit(
                Self.holdUnchecked, [.string(last.skuId), .int(last.quantity), .int64(orderId)], thenFetch: reads)
            if try rows.first?["sync_raised", as: Bool.self] == true { syncs.append(last.skuId) }
            return (syncs, answers)
        } catch let error as PostgresError where error.isCheckViolation && error.constraint == Self.withinOnHand {
            throw ShortStock(skuIds: [last.skuId])
        }
    }

    /// One line's hold in one statement: its reservation row ($3 order, $1 SKU, $2 units) and the
    /// units added to the SKU's `reserved`, raising its stock-sync request. `checked` refuses short
    /// stock in the WHERE clause (no row comes back); else the table's CHECK refuses it.
    private static func hold(checked: Bool) -> String {
        """
        WITH held AS (
            INSERT INTO reservations (order_id, sku_id, quantity, state) VALUES ($3, $1, $2, 'held')
            ON CONFLICT (order_id, sku_id) DO UPDATE SET quantity = excluded.quantity, state = 'held', updated_at = now()
        )
        UPDATE inventory SET reserved = reserved + $2, \(raiseSync), updated_at = now()
        WHERE sku_id = $1\(checked ? " AND on_hand - reserved >= $2" : "")
        RETURNING \(raisedSync)
        """
    }

    /// ``hold(checked:)``'s two statements, written once.
    private static let holdChecked = hold(checked: true)
    private static let holdUnchecked = hold(checked: false)

    /// The CHECK that keeps `reserved` within `on_hand`: what makes overselling impossible.
    static let withinOnHand = "inventory_reserved_within_on_hand"

    /// Gives back every held reservation of order `orderId`: the units leave `reserved`, so more
    /// is available; returns the SKUs whose stock-sync request this raised (they need a `stock-sync` job).
    @discardableResult
    public func release(orderId: Int64) throws -> [String] {
        try connection.query(Self.releaseHeld, [.int64(orderId)])
            .filter { try $0["sync_raised", as: Bool.self] }.map { try $0["sku_id", as: String.self] }
    }

    /// Turns order `orderId`'s held reservations into shipped stock and commits the caller's
    /// transaction in the same round trip, which this must end. On hand and reserved both drop by
    /// the units, so what is available, and what TikTok Shop was told, stays the same: no stock sync.
    public func consumeAndCommit(orderId: Int64) throws {
        _ = try connection.queryAndCommit(Self.consumeHeld, [.int64(orderId)])
    }

    /// Ends order $1's held reservations as `released`, returning their units from `reserved` and
    /// raising the stock-sync request.
    private static let releaseHeld = """
        WITH settled AS (
            UPDATE reservations SET state = 'released', updated_at = now()
            WHERE order_id = $1 AND state = 'held'
            RETURNING sku_id, quantity
        )
        UPDATE inventory SET reserved = inventory.reserved - s.quantity, \(raiseSync), updated_at = now()
        FROM settled s WHERE inventory.sku_id = s.sku_id
        RETURNING inventory.sku_id, \(raisedSync)
        """

    /// Ends order $1's held reservations as `consumed`: their units leave `reserved` and `on_hand`.
    private static let consumeHeld = """
        WITH settled AS (
            UPDATE reservations SET state = 'consumed', updated_at = now()
            WHERE order_id = $1 AND state = 'held'
            RETURNING sku_id, quantity
        )
        UPDATE inventory SET reserved = inventory.reserved - s.quantity, on_hand = inventory.on_hand - s.quantity,
            updated_at = now()
        FROM settled s WHERE inventory.sku_id = s.sku_id
        """

    /// SET clause raising a row's stock-sync request, remembering the raising transaction.
    private static let raiseSync = """
        sync_pending = true,
        sync_requested_txid = CASE WHEN inventory.sync_pending THEN inventory.sync_requested_txid ELSE txid_current() END
        """

    /// RETURNING column `sync_raised`: whether this transaction raised the request.
    private static let raisedSync = "inventory.sync_requested_txid IS NOT DISTINCT FROM txid_current() AS sync_raised"

    /// Every SKU with an inventory row, in order.
    public func skuIds() throws -> [String] {
        try connection.query("SELECT sku_id FROM inventory ORDER BY sku_id").map { try $0["sku_id", as: String.self] }
    }

    /// The SKUs of the TikTok products `productIds`, in order.
    public func skuIds(productIds: [String]) throws -> [String] {
        if productIds.isEmpty { return [] }
        return try connection.query(
            "SELECT sku_id FROM inventory WHERE product_id = ANY($1::text[]) ORDER BY sku_id",
            [.string(PostgresArray.text(productIds))]
        ).map { try $0["sku_id", as: String.self] }
    }

    /// Adds `quantity` received units to `skuId`'s stock on hand.
    public func receive(skuId: String, quantity: Int) throws {
        try connection.execute(
            "UPDATE inventory SET on_hand = on_hand + $2, updated_at = now() WHERE sku_id = $1", [.string(skuId), .int(quantity)])
    }

    /// Clears `skuId`'s pending stock-sync request and returns what to push: units available (never
    /// below 0), the TikTok product and the remembered warehouse. Nil when the SKU has no row.
    public func takeSyncRequest(skuId: String) throws -> (available: Int, productId: String?, warehouseId: String?)? {
        try connection.query(
            """
            UPDATE inventory SET sync_pending = false WHERE sku_id = $1
            RETURNING on_hand - reserved AS available, product_id, warehouse_id
            """, [.string(skuId)]
        ).first.map {
            (max(try $0["available", as: Int.self], 0), try $0["product_id", as: String?.self], try $0["warehouse_id", as: String?.self])
        }
    }

    /// Records that TikTok holds `available` units of `skuId` as of `time`.
    public func markSynced(skuId: String, available: Int, at time: Date) throws {
        try connection.execute(
            "UPDATE inventory SET synced_available = $2, synced_at = $3 WHERE sku_id = $1",
            [.string(skuId), .int(available), .date(time)])
    }

    /// Remembers `warehouseId` as `skuId`'s warehouse unless one is already set.
    public func rememberWarehouse(skuId: String, warehouseId: String) throws {
        try connection.execute(
            "UPDATE inventory SET warehouse_id = coalesce(warehouse_id, $2) WHERE sku_id = $1",
            [.string(skuId), .string(warehouseId)])
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

/// Thrown by ``InventoryStore/reserveAndCommit(orderId:lines:thenFetch:)`` when stock does not cover the order.
public struct ShortStock: Error, Sendable {
    /// The SKUs whose available units were fewer than the order's.
    public let skuIds: [String]
}

extension InventoryRecord {
    init(row: PostgresRow) throws {
        self.init(
            skuId: try row["sku_id", as: String.self], onHand: try row["on_hand", as: Int.self],
            reserved: try row["reserved", as: Int.self], safetyStock: try row["safety_stock", as: Int.self],
            supplierLeadTimeHours: try row["supplier_lead_time_hours", as: Int.self],
            unitCostMinor: try row["unit_cost_minor", as: Int.self], currency: try row["currency", as: String.self],
            productId: try row["product_id", as: String?.self], warehouseId: try row["warehouse_id", as: String?.self])
    }
}
