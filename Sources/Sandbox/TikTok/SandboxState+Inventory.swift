// Inventory in the sandbox: absolute quantities per SKU and warehouse, with per-SKU failures
// when a partial-inventory fault names them.

extension SandboxState {
    /// Applies `{skus:[{id, inventory:[{warehouse_id, quantity}]}]}` except for `failing` SKUs
    /// (`["*"]` fails the first); returns the answer's `data`.
    func updateInventory(body: SimJSON?, failing: [String]) -> SimJSON {
        var errors: [SimJSON] = []
        let skus = body?["skus"]?.array ?? []
        for (position, sku) in skus.enumerated() {
            guard let skuId = sku["id"]?.string else { continue }
            let stocks = sku["inventory"]?.array ?? []
            if failing.contains(skuId) || (failing.contains("*") && position == 0) {
                errors.append([
                    "code": 17019010, "message": "The inventory update failed for this SKU.",
                    "detail": [
                        "sku_id": .string(skuId),
                        "extra_errors": .array(
                            stocks.map {
                                [
                                    "warehouse_id": $0["warehouse_id"] ?? nil, "code": 17019011,
                                    "message": "warehouse inventory is locked",
                                ]
                            }),
                    ],
                ])
                continue
            }
            for stock in stocks {
                guard let warehouse = stock["warehouse_id"]?.string, let quantity = stock["quantity"]?.int else { continue }
                inventory[skuId, default: [:]][warehouse] = Int(quantity)
            }
        }
        return errors.isEmpty ? [:] : ["errors": .array(errors)]
    }

    /// What TikTok believes is in stock for `skuId`.
    public func inventorySummary(skuId: String) -> SimJSON? {
        guard let stocks = inventory[skuId] else { return nil }
        return [
            "sku_id": .string(skuId), "quantity": .int(Int64(stocks.values.reduce(0, +))),
            "warehouses": .object(stocks.mapValues { .int(Int64($0)) }),
        ]
    }
}
