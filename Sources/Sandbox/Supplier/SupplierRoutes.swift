// The supplier's purchase-order API (shape documented in Clients' SupplierModels.swift and the
// sandbox docs in Sandbox.docc): Bearer auth, `Idempotency-Key` required on creation.

import Foundation
import HTTPTypes
import Hummingbird

/// Adds the supplier routes.
struct SupplierRoutes: Sendable {
    let state: SandboxState
    let apiKey: String

    func add(to router: Router<BasicRequestContext>) {
        router.post("/supplier/v1/purchase_orders") { request, _ in
            if let failure = unauthorized(request) { return failure }
            guard let key = request.headers[HTTPField.Name("Idempotency-Key")!], !key.isEmpty else {
                return SimReply.error(.badRequest, code: "IDEMPOTENCY_KEY.REQUIRED", message: "Idempotency-Key is required.")
            }
            switch await state.placePurchaseOrder(key: key, body: try await request.bytes()) {
            case .success(let (order, replayed)):
                return SimReply.json(
                    replayed ? .ok : .created, order, headers: replayed ? [HTTPField.Name("Idempotent-Replayed")!: "true"] : [:])
            case .failure(let refusal):
                return EasyPostRoutes.reply(refusal)
            }
        }
        router.get("/supplier/v1/purchase_orders/:id") { request, context in
            if let failure = unauthorized(request) { return failure }
            guard let order = await state.purchaseOrder(id: context.parameters.get("id") ?? "") else {
                return EasyPostRoutes.notFound
            }
            return SimReply.json(.ok, order)
        }
    }

    private func unauthorized(_ request: Request) -> Response? {
        request.headers[.authorization] == "Bearer \(apiKey)"
            ? nil : SimReply.error(.unauthorized, code: "APIKEY.INVALID", message: "The API key is invalid.")
    }
}
