// TikTok Shop's auth host (`/api/v2/token/*`, unsigned, app secret in the query) and API host
// (every other route here, signed and token-checked by `TikTokGuard`).

import Foundation
import Hummingbird

/// Adds the TikTok auth and API routes.
struct TikTokRoutes: Sendable {
    let state: SandboxState
    let guardian: TikTokGuard
    let dispatcher: WebhookDispatcher

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/v2/token/get") { request, _ in
            let query = RawQuery.pairs(request.uri.query)
            guard let failure = authFailure(query) else {
                guard let code = query["auth_code"], let data = await state.exchange(authCode: code) else {
                    return SimReply.tiktok(code: 36004004, message: "Invalid auth code or the code has been used.")
                }
                return SimReply.tiktok(data: data)
            }
            return failure
        }
        router.get("/api/v2/token/refresh") { request, _ in
            let query = RawQuery.pairs(request.uri.query)
            if let failure = authFailure(query) { return failure }
            guard let token = query["refresh_token"], let data = await state.refresh(refreshToken: token) else {
                return SimReply.tiktok(code: 36004005, message: "The refresh token is invalid or expired.")
            }
            return SimReply.tiktok(data: data)
        }
        signed(router, .get, "/authorization/202309/shops", shopScoped: false) { _, _, _ in
            SimReply.tiktok(data: await state.authorizedShopsJSON())
        }
        signed(router, .get, "/order/202309/orders") { request, _, _ in
            let ids = RawQuery.pairs(request.uri.query)["ids"]?.split(separator: ",").map(String.init) ?? []
            guard !ids.isEmpty else { return SimReply.tiktok(.badRequest, code: 36009004, message: "param ids is missing") }
            return SimReply.tiktok(data: await state.orderDetail(ids: ids))
        }
        signed(router, .post, "/order/202309/orders/search") { request, body, _ in
            let query = RawQuery.pairs(request.uri.query)
            let size = query["page_size"].flatMap(Int.init) ?? 20
            let data = await state.searchOrders(filter: SimJSON.parse(body), pageSize: size, pageToken: query["page_token"])
            return SimReply.tiktok(data: data)
        }
        signed(router, .post, "/fulfillment/202309/orders/:order_id/packages") { _, body, context in
            let orderId = context.parameters.get("order_id") ?? ""
            switch await state.ship(orderId: orderId, body: SimJSON.parse(body)) {
            case .success(let (data, events)):
                let webhooks = await state.tiktokWebhooks(events)
                Task { await dispatcher.send(webhooks) }
                return SimReply.tiktok(data: data)
            case .failure(.unknownOrder):
                return SimReply.tiktok(.notFound, code: 21011001, message: "The order does not exist.")
            case .failure(.notShippable(let status)):
                return SimReply.tiktok(code: 21011002, message: "The order cannot be shipped in status \(status).")
            case .failure(.unknownProvider):
                return SimReply.tiktok(code: 21011004, message: "The shipping provider is not supported.")
            case .failure(.badLineItems):
                return SimReply.tiktok(
                    .badRequest, code: 36009004, message: "param tracking_number or order_line_item_ids is invalid")
            }
        }
        for kind in ["packages/:package_id", "orders/:order_id"] {
            signed(router, .post, "/fulfillment/202309/\(kind)/shipping_info/update") { _, body, context in
                let id = context.parameters.get(kind.hasPrefix("packages") ? "package_id" : "order_id")
                let ok = await state.updateShippingInfo(
                    packageId: kind.hasPrefix("packages") ? id : nil, orderId: kind.hasPrefix("orders") ? id : nil,
                    body: SimJSON.parse(body))
                return ok
                    ? SimReply.tiktok(data: [:])
                    : SimReply.tiktok(.notFound, code: 21011003, message: "The package does not exist.")
            }
        }
        signed(router, .get, "/fulfillment/202309/orders/:order_id/tracking") { _, _, _ in
            SimReply.tiktok(data: ["tracking": []])
        }
        signed(router, .post, "/product/202309/products/:product_id/inventory/update") { request, body, _ in
            let fault = await state.fire(
                kinds: ["inventory_partial"], method: "POST", path: request.uri.path, carrier: nil)
            let failing = fault.map { $0.skuIds ?? ["*"] } ?? []
            return SimReply.tiktok(data: await state.updateInventory(body: SimJSON.parse(body), failing: failing))
        }
        signed(router, .get, "/analytics/202409/shop_videos/performance") { request, _, _ in
            guard await state.analyticsScopeGranted else {
                return SimReply.tiktok(
                    .forbidden, code: 105005,
                    message: "Access denied. The shop has not granted the scope data.shop_analytics.public.read.")
            }
            switch VideoPerformanceQuery.parse(RawQuery.pairs(request.uri.query)) {
            case .success(let query): return SimReply.tiktok(data: await state.videoPerformance(query))
            case .failure(let error): return SimReply.tiktok(.badRequest, code: 36009004, message: error.message)
            }
        }
        signed(router, .get, "/logistics/202309/warehouses") { _, _, _ in
            SimReply.tiktok(data: [
                "warehouses": [
                    [
                        "id": .string(state.warehouseId), "name": "Sandbox Warehouse", "type": "SALES_WAREHOUSE",
                        "is_default": true,
                    ]
                ]
            ])
        }
        signed(router, .get, "/logistics/202309/warehouses/:id/delivery_options") { _, _, _ in
            SimReply.tiktok(data: ["delivery_options": [["id": .string(state.deliveryOptionId), "name": "Standard shipping"]]])
        }
        signed(router, .get, "/logistics/202309/delivery_options/:id/shipping_providers") { _, _, _ in
            SimReply.tiktok(data: [
                "shipping_providers": .array(state.shippingProviders.map { ["id": .string($0.id), "name": .string($0.name)] })
            ])
        }
    }

    private func authFailure(_ query: [String: String]) -> Response? {
        guard query["app_key"] == guardian.configuration.appKey, query["app_secret"] == guardian.configuration.appSecret
        else {
            return SimReply.tiktok(code: 36004006, message: "Invalid app_key or app_secret.")
        }
        return nil
    }

    /// Registers a signed route: the guard runs over the exact body bytes before `handler`.
    private func signed(
        _ router: Router<BasicRequestContext>, _ method: HTTPRequest.Method, _ path: RouterPath, shopScoped: Bool = true,
        _ handler: @escaping @Sendable (Request, Data, BasicRequestContext) async throws -> Response
    ) {
        router.on(path, method: method) { request, context in
            let body = try await request.bytes()
            if let rejection = await guardian.reject(request, body: body, shopScoped: shopScoped) { return rejection }
            return try await handler(request, body, context)
        }
    }
}
