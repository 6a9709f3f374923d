// The `/_sim/*` control API that scripts and tests drive (see Sandbox.docc/Sandbox.md).

import Foundation
import Hummingbird

/// Adds the control routes.
struct ControlRoutes: Sendable {
    let state: SandboxState
    let dispatcher: WebhookDispatcher

    func add(to router: Router<BasicRequestContext>) {
        router.post("/_sim/auth/codes") { request, _ in
            let input = SimJSON.parse(try await request.bytes())
            let lifetime = input?["access_token_ttl"]?.int.map { Duration.seconds($0) }
            return SimReply.json(.ok, ["auth_code": .string(await state.issueAuthCode(accessTokenLifetime: lifetime))])
        }
        router.post("/_sim/auth/revoke") { _, _ in
            await state.revokeAllTokens()
            return SimReply.json(.ok, ["revoked": true])
        }
        router.post("/_sim/auth/expire") { _, _ in
            await state.expireAccessTokens()
            return SimReply.json(.ok, ["expired": true])
        }
        router.post("/_sim/orders") { request, _ in
            let input = SimJSON.parse(try await request.bytes())
            let count = Int(input?["count"]?.int ?? 1)
            guard (1...10_000).contains(count) else { return Self.bad("count must be 1…10000") }
            let (ids, events) = await state.createOrders(
                count: count, skuId: input?["sku_id"]?.string ?? "sku-1", quantity: Int(input?["quantity"]?.int ?? 1),
                status: input?["status"]?.string ?? "AWAITING_SHIPMENT")
            await dispatcher.send(await state.tiktokWebhooks(events))
            return SimReply.json(.ok, ["ids": .array(ids.map { .string($0) })])
        }
        router.get("/_sim/orders/:id") { _, context in
            guard let order = await state.orderSummary(id: context.parameters.get("id") ?? "") else {
                return Self.missing("order")
            }
            return SimReply.json(.ok, order)
        }
        router.post("/_sim/orders/:id/transition") { request, context in
            let target = SimJSON.parse(try await request.bytes())?["to"]?.string ?? ""
            guard let events = await state.transition(orderId: context.parameters.get("id") ?? "", to: target) else {
                return Self.bad("unknown order or target \(target)")
            }
            await dispatcher.send(await state.tiktokWebhooks(events))
            return SimReply.json(.ok, await state.orderSummary(id: context.parameters.get("id") ?? "") ?? nil)
        }
        router.post("/_sim/trackers/:code/advance") { _, context in
            guard let (tracker, webhooks) = await state.advanceTracker(code: context.parameters.get("code") ?? "") else {
                return Self.missing("tracker")
            }
            await dispatcher.send(webhooks)
            return SimReply.json(.ok, tracker)
        }
        router.get("/_sim/webhooks/deliveries") { _, _ in SimReply.json(.ok, await state.deliveryLog()) }
        router.get("/_sim/requests") { _, _ in SimReply.json(.ok, await state.requestSummary()) }
        router.get("/_sim/faults") { _, _ in
            let rules = await state.listFaults()
            return SimReply.json(.ok, ["faults": SimJSON.parse(try Self.encoder.encode(rules)) ?? []])
        }
        router.post("/_sim/faults") { request, _ in
            guard let rule = try? Self.decoder.decode(FaultRule.self, from: try await request.bytes()) else {
                return Self.bad("expected a fault rule with at least \"kind\"")
            }
            guard let added = await state.addFault(rule) else {
                return Self.bad("unknown kind; one of \(FaultRule.kinds.sorted().joined(separator: ", "))")
            }
            return SimReply.json(.created, SimJSON.parse(try Self.encoder.encode(added)) ?? nil)
        }
        router.delete("/_sim/faults") { _, _ in
            await state.clearFaults()
            return SimReply.json(.ok, ["faults": []])
        }
        router.get("/_sim/inventory/:sku_id") { _, context in
            guard let summary = await state.inventorySummary(skuId: context.parameters.get("sku_id") ?? "") else {
                return Self.missing("sku")
            }
            return SimReply.json(.ok, summary)
        }
    }

    static func bad(_ message: String) -> Response { SimReply.json(.badRequest, ["error": .string(message)]) }
    static func missing(_ what: String) -> Response { SimReply.json(.notFound, ["error": .string("unknown \(what)")]) }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()
}
