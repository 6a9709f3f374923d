// Supplier purchase orders in PostgreSQL. A row is written (`placing`) and committed before the
// supplier is called; its unique idempotency key is what makes a duplicate reorder find it instead
// of buying twice, and what the supplier call carries so a retry is replayed, not re-placed.

import Foundation

/// One `purchase_orders` row.
public struct PurchaseOrderRecord: Sendable, Equatable {
    public var id: Int64
    public var skuId: String
    public var quantity: Int
    /// `standard` or `emergency`.
    public var kind: String
    public var idempotencyKey: String
    /// `placing` (row written, supplier not yet confirmed), `placed` or `received`.
    public var status: String
    public var supplierReference: String?
    public var placedAt: Date?
    public var expectedAt: Date?
    public var receivedAt: Date?
    public var createdAt: Date

    static let columns = """
        id, sku_id, quantity, kind, idempotency_key, status, supplier_reference, placed_at, expected_at,
        received_at, created_at
        """

    init(row: PostgresRow) throws {
        id = try row["id", as: Int64.self]
        skuId = try row["sku_id", as: String.self]
        quantity = try row["quantity", as: Int.self]
        kind = try row["kind", as: String.self]
        idempotencyKey = try row["idempotency_key", as: String.self]
        status = try row["status", as: String.self]
        supplierReference = try row["supplier_reference", as: String?.self]
        placedAt = try row["placed_at", as: Date?.self]
        expectedAt = try row["expected_at", as: Date?.self]
        receivedAt = try row["received_at", as: Date?.self]
        createdAt = try row["created_at", as: Date.self]
    }
}

/// Reads and writes `purchase_orders` on one connection.
public struct PurchaseOrderStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The order placed under `idempotencyKey`, if any.
    public func order(idempotencyKey: String) throws -> PurchaseOrderRecord? {
        try connection.query(
            "SELECT \(PurchaseOrderRecord.columns) FROM purchase_orders WHERE idempotency_key = $1",
            [.string(idempotencyKey)]
        ).first.map(PurchaseOrderRecord.init(row:))
    }

    /// Order `id`, locked for update when `lock` (inside a transaction).
    public func order(id: Int64, lock: Bool = false) throws -> PurchaseOrderRecord? {
        try connection.query(
            "SELECT \(PurchaseOrderRecord.columns) FROM purchase_orders WHERE id = $1 \(lock ? "FOR UPDATE" : "")",
            [.int64(id)]
        ).first.map(PurchaseOrderRecord.init(row:))
    }

    /// Writes a `placing` order under `idempotencyKey`, or returns the one already there.
    public func insertPlacing(skuId: String, quantity: Int, kind: String, idempotencyKey: String, at now: Date) throws
        -> PurchaseOrderRecord
    {
        let inserted = try connection.query(
            """
            INSERT INTO purchase_orders (sku_id, quantity, kind, idempotency_key, status, created_at, updated_at)
            VALUES ($1, $2, $3, $4, 'placing', $5, $5)
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING \(PurchaseOrderRecord.columns)
            """, [.string(skuId), .int(quantity), .string(kind), .string(idempotencyKey), .date(now)])
        if let row = inserted.first { return try PurchaseOrderRecord(row: row) }
        guard let existing = try order(idempotencyKey: idempotencyKey) else {
            throw PipelineError.missing("purchase order \(idempotencyKey) conflicted but cannot be read")
        }
        return existing
    }

    /// Records the supplier's confirmation of a `placing` order; false when it was no longer placing.
    @discardableResult
    public func markPlaced(id: Int64, supplierReference: String, placedAt: Date, expectedAt: Date) throws -> Bool {
        try connection.execute(
            """
            UPDATE purchase_orders
            SET status = 'placed', supplier_reference = $2, placed_at = $3, expected_at = $4, updated_at = $3
            WHERE id = $1 AND status = 'placing'
            """, [.int64(id), .string(supplierReference), .date(placedAt), .date(expectedAt)]) == 1
    }

    /// Marks order `id` received at `now`; false when it already was.
    @discardableResult
    public func markReceived(id: Int64, at now: Date) throws -> Bool {
        try connection.execute(
            """
            UPDATE purchase_orders SET status = 'received', received_at = $2, updated_at = $2
            WHERE id = $1 AND received_at IS NULL
            """, [.int64(id), .date(now)]) == 1
    }

    /// Orders newest first, only those in `status` when given, at most `limit`.
    public func list(status: String? = nil, limit: Int = 100) throws -> [PurchaseOrderRecord] {
        try connection.query(
            """
            SELECT \(PurchaseOrderRecord.columns) FROM purchase_orders
            WHERE $1::text IS NULL OR status = $1 ORDER BY created_at DESC, id DESC LIMIT $2
            """, [status.map { .string($0) }, .int(limit)]
        ).map(PurchaseOrderRecord.init(row:))
    }
}
