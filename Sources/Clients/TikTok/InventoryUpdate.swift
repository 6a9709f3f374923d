// Inventory update: absolute available quantities per SKU and warehouse in, per-SKU failures out
// (the call can partly fail; external-apis.md §3).

/// One SKU's new absolute stock in one warehouse.
public struct InventoryLevel: Sendable, Equatable {
    public var skuId: String
    public var warehouseId: String
    public var quantity: Int

    public init(skuId: String, warehouseId: String, quantity: Int) {
        self.skuId = skuId
        self.warehouseId = warehouseId
        self.quantity = quantity
    }
}

/// The outcome of an inventory update: every SKU not listed in `failures` was applied.
public struct InventoryUpdateResult: Sendable, Equatable {
    public var failures: [SKUFailure]

    /// Whether every SKU was applied.
    public var isComplete: Bool { failures.isEmpty }

    /// Why one SKU was not applied.
    public struct SKUFailure: Sendable, Equatable {
        public var skuId: String?
        public var code: Int
        public var message: String
        public var warehouses: [WarehouseFailure]
    }

    /// A per-warehouse error under a SKU failure.
    public struct WarehouseFailure: Sendable, Equatable {
        public var warehouseId: String?
        public var code: Int?
        public var message: String?
    }
}

/// The request body `{"skus":[{"id","inventory":[{"warehouse_id","quantity"}]}]}`.
struct InventoryUpdateBody: Encodable {
    struct SKU: Encodable {
        let id: String
        let inventory: [Stock]
    }
    struct Stock: Encodable {
        let warehouseId: String
        let quantity: Int

        private enum CodingKeys: String, CodingKey {
            case warehouseId = "warehouse_id", quantity
        }
    }
    let skus: [SKU]

    init(_ levels: [InventoryLevel]) {
        var order: [String] = []
        var stocks: [String: [Stock]] = [:]
        for level in levels {
            if stocks[level.skuId] == nil { order.append(level.skuId) }
            stocks[level.skuId, default: []].append(Stock(warehouseId: level.warehouseId, quantity: level.quantity))
        }
        skus = order.map { SKU(id: $0, inventory: stocks[$0] ?? []) }
    }
}

/// The answer's `data`: `{errors:[{code, message, detail{sku_id, extra_errors[…]}}]}`.
struct InventoryUpdatePayload: Decodable {
    struct Failure: Decodable {
        let code: Int?
        let message: String?
        let detail: Detail?
    }
    struct Detail: Decodable {
        let skuId: String?
        let extraErrors: [Extra]?

        private enum CodingKeys: String, CodingKey {
            case skuId = "sku_id", extraErrors = "extra_errors"
        }
    }
    struct Extra: Decodable {
        let warehouseId: String?
        let code: Int?
        let message: String?

        private enum CodingKeys: String, CodingKey {
            case warehouseId = "warehouse_id", code, message
        }
    }
    let errors: [Failure]?

    var result: InventoryUpdateResult {
        InventoryUpdateResult(
            failures: (errors ?? []).map { failure in
                InventoryUpdateResult.SKUFailure(
                    skuId: failure.detail?.skuId, code: failure.code ?? 0, message: failure.message ?? "",
                    warehouses: (failure.detail?.extraErrors ?? []).map {
                        InventoryUpdateResult.WarehouseFailure(warehouseId: $0.warehouseId, code: $0.code, message: $0.message)
                    })
            })
    }
}
