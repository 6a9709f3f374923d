// The supplier in the sandbox: purchase orders keyed by `Idempotency-Key`. The same key with the
// same body replays the order; with a different body it is refused (IDEMPOTENCY_KEY_REUSED).

import Crypto
import Foundation

extension SandboxState {
    /// Places (or replays) an order; `replayed` tells which.
    func placePurchaseOrder(key: String, body: Data) -> Result<(order: SimJSON, replayed: Bool), EasyPostRefusal> {
        let fingerprint = Data(SHA256.hash(data: body))
        if let previous = idempotencyKeys[key] {
            guard previous.fingerprint == fingerprint, let order = purchaseOrders[previous.orderId] else {
                return .failure(
                    EasyPostRefusal(
                        status: 422, code: "IDEMPOTENCY_KEY_REUSED",
                        message: "This Idempotency-Key was used with a different request."))
            }
            return .success((order, true))
        }
        let input = SimJSON.parse(body)
        guard let sku = input?["sku_id"]?.string, let quantity = input?["quantity"]?.int, quantity > 0,
            let cost = input?["unit_cost"]?.string
        else {
            return .failure(
                EasyPostRefusal(status: 422, code: "PARAMETER.INVALID", message: "sku_id, quantity > 0 and unit_cost are required."))
        }
        let id = nextId("po_")
        let order: SimJSON = [
            "id": .string(id), "status": "accepted", "sku_id": .string(sku), "quantity": .int(quantity),
            "unit_cost": .string(cost), "currency": input?["currency"] ?? "USD", "reference": input?["reference"] ?? nil,
            "created_at": .int(unixNow),
        ]
        purchaseOrders[id] = order
        idempotencyKeys[key] = (fingerprint, id)
        return .success((order, false))
    }

    /// An order by id.
    func purchaseOrder(id: String) -> SimJSON? { purchaseOrders[id] }
}
