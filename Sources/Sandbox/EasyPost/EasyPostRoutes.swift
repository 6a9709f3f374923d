// EasyPost's `/v2` surface behind HTTP Basic auth (the key as user, empty password), plus the
// label images the bought shipments link to.

import Foundation
import Hummingbird

/// Adds the EasyPost routes.
struct EasyPostRoutes: Sendable {
    let state: SandboxState
    let apiKey: String

    func add(to router: Router<BasicRequestContext>) {
        authorized(router, .post, "/v2/shipments") { body, _ in
            switch await state.createShipment(SimJSON.parse(body)) {
            case .success(let (shipment, created)): return SimReply.json(created ? .created : .ok, shipment)
            case .failure(let refusal): return Self.reply(refusal)
            }
        }
        authorized(router, .get, "/v2/shipments/:id") { _, context in
            guard let shipment = await state.shipment(id: context.parameters.get("id") ?? "") else { return Self.notFound }
            return SimReply.json(.ok, shipment)
        }
        authorized(router, .post, "/v2/shipments/:id/buy") { body, context in
            switch await state.buy(shipmentId: context.parameters.get("id") ?? "", body: SimJSON.parse(body)) {
            case .success(let shipment): return SimReply.json(.ok, shipment)
            case .failure(let refusal): return Self.reply(refusal)
            }
        }
        authorized(router, .post, "/v2/shipments/:id/refund") { _, context in
            switch await state.refund(shipmentId: context.parameters.get("id") ?? "") {
            case .success(let shipment): return SimReply.json(.ok, shipment)
            case .failure(let refusal): return Self.reply(refusal)
            }
        }
        authorized(router, .post, "/v2/trackers") { body, _ in
            let input = SimJSON.parse(body)?["tracker"]
            guard let code = input?["tracking_code"]?.string else {
                return SimReply.error(.unprocessableContent, code: "PARAMETER.REQUIRED", message: "Missing required parameter.")
            }
            return SimReply.json(.created, await state.createTracker(code: code, carrier: input?["carrier"]?.string ?? "USPS"))
        }
        authorized(router, .get, "/v2/trackers/:id") { _, context in
            guard let tracker = await state.tracker(idOrCode: context.parameters.get("id") ?? "") else { return Self.notFound }
            return SimReply.json(.ok, tracker.json)
        }
        router.get("/labels/:file") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "image/png"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])))
        }
    }

    static let notFound = SimReply.error(.notFound, code: "NOT_FOUND", message: "The requested resource could not be found.")

    static func reply(_ refusal: EasyPostRefusal) -> Response {
        SimReply.error(HTTPResponse.Status(code: refusal.status), code: refusal.code, message: refusal.message)
    }

    private func authorized(
        _ router: Router<BasicRequestContext>, _ method: HTTPRequest.Method, _ path: RouterPath,
        _ handler: @escaping @Sendable (Data, BasicRequestContext) async throws -> Response
    ) {
        let expected = "Basic " + Data((apiKey + ":").utf8).base64EncodedString()
        router.on(path, method: method) { request, context in
            guard request.headers[.authorization] == expected else {
                return SimReply.error(.unauthorized, code: "APIKEY.INVALID", message: "The API key is invalid.")
            }
            return try await handler(try await request.bytes(), context)
        }
    }
}
