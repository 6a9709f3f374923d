// The supplier's purchase-order API (our own shape; the sandbox implements it):
//
//   POST /supplier/v1/purchase_orders        Authorization: Bearer KEY, Idempotency-Key: K
//        {"sku_id","quantity","unit_cost":"12.50","currency":"USD","reference"}
//        → 201 {"id":"po_…","status":"accepted","sku_id","quantity","unit_cost","currency","reference","created_at"}
//        The same key with the same body → 200 with the same order (header Idempotent-Replayed: true);
//        the same key with a different body → 422 {"error":{"code":"IDEMPOTENCY_KEY_REUSED",…}}.
//   GET  /supplier/v1/purchase_orders/{id}   → 200 the order, 404 {"error":{"code":"NOT_FOUND"}}
//
// Keys are kept for 24 hours; derive them from what is being bought (e.g. `reorder:SKU:DAY`).

/// What to order from the supplier.
public struct PurchaseOrderRequest: Sendable, Codable, Equatable {
    public var skuId: String
    public var quantity: Int
    /// The agreed unit cost as a decimal string.
    public var unitCost: String
    public var currency: String
    /// Our reference, e.g. the reorder job id.
    public var reference: String?

    enum CodingKeys: String, CodingKey {
        case skuId = "sku_id", quantity, unitCost = "unit_cost", currency, reference
    }

    public init(skuId: String, quantity: Int, unitCost: String, currency: String = "USD", reference: String? = nil) {
        self.skuId = skuId
        self.quantity = quantity
        self.unitCost = unitCost
        self.currency = currency
        self.reference = reference
    }
}

/// A purchase order the supplier accepted.
public struct PurchaseOrder: Sendable, Codable, Equatable {
    public var id: String
    /// `accepted`, `shipped`, `received` or `cancelled`.
    public var status: String
    public var skuId: String
    public var quantity: Int
    public var unitCost: String
    public var currency: String
    public var reference: String?
    public var createdAt: Int64

    enum CodingKeys: String, CodingKey {
        case id, status, skuId = "sku_id", quantity, unitCost = "unit_cost", currency, reference, createdAt = "created_at"
    }
}
