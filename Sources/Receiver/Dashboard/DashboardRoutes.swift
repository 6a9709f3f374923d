// The dashboard's routes on the web process: `GET /dashboard` (a link's `?token=` becomes a
// cookie, then a redirect), `GET /dashboard/orders/{id}`, `GET /dashboard/api/orders/{id}`,
// `POST /dashboard/api/dead-letters/{retry|delete}` (operators, with the CSRF token, same origin
// only), `GET /dashboard/assets/{file}` and the socket `/ws`.

import Domain
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import Queue

/// The dashboard, wired to a router.
struct DashboardRoutes: Sendable {
    let tokens: DashboardTokens?
    let reader: DashboardReader
    let pages: DashboardPages
    let socket: DashboardSocket
    let pool: BlockingPool
    let queueSettings: QueueSettings

    func add(to router: Router<BasicWebSocketRequestContext>) {
        router.get("dashboard") { request, _ in await self.dashboard(request) }
        router.get("dashboard/orders/{id}") { request, context in await self.orderPage(request, id: context.parameters.get("id")) }
        router.get("dashboard/api/orders/{id}") { request, context in await self.orderJSON(request, id: context.parameters.get("id")) }
        router.post("dashboard/api/dead-letters/{action}") { request, context in
            await self.deadLetters(request, action: context.parameters.get("action") ?? "")
        }
        router.get("dashboard/assets/{file}") { _, context in self.pages.asset(context.parameters.get("file") ?? "") }
        router.ws("ws") { inbound, outbound, context in
            await self.socket.handle(inbound, outbound, request: context.request, logger: context.logger)
        }
    }

    private func dashboard(_ request: Request) async -> Response {
        if let link = DashboardCredentials.linkToken(in: request) {
            do {
                let viewer = try await authorise(token: link)
                var response = Response(status: .seeOther, headers: [.location: "/dashboard"])
                response.setCookie(DashboardCredentials.cookie(for: viewer, secure: false))
                return response
            } catch {
                return refusal(error)
            }
        }
        let viewer: DashboardViewer
        do { viewer = try await authorise(request) } catch { return refusal(error) }
        do {
            let audience = try await reader.audience(of: viewer)
            let (snapshot, _) = try await reader.snapshot(for: audience, viewer: viewer, seq: 0)
            return pages.dashboard(snapshot: snapshot, csrf: tokens?.csrfToken(for: viewer) ?? "")
        } catch {
            return pages.denied(.serviceUnavailable, title: "Dashboard unavailable", reason: "its data could not be read: \(error)")
        }
    }

    private func orderPage(_ request: Request, id: String?) async -> Response {
        let viewer: DashboardViewer
        do { viewer = try await authorise(request) } catch { return refusal(error) }
        guard let id = id.flatMap(Int64.init) else { return pages.denied(.notFound, title: "Not found", reason: "no such order") }
        do {
            guard let page = try await reader.orderPage(id: id, audience: try await reader.audience(of: viewer)) else {
                return pages.denied(.notFound, title: "Not found", reason: "no order \(id) in your shops")
            }
            return pages.order(page: page, csrf: tokens?.csrfToken(for: viewer) ?? "")
        } catch {
            return pages.denied(.serviceUnavailable, title: "Order unavailable", reason: "its data could not be read: \(error)")
        }
    }

    private func orderJSON(_ request: Request, id: String?) async -> Response {
        let viewer: DashboardViewer
        do { viewer = try await authorise(request) } catch { return JSONReply.error(.unauthorized, "\(error)").response }
        guard let id = id.flatMap(Int64.init) else { return JSONReply.error(.notFound, "no such order").response }
        do {
            guard let page = try await reader.orderPage(id: id, audience: try await reader.audience(of: viewer)) else {
                return JSONReply.error(.notFound, "no order \(id) in your shops").response
            }
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
        } catch {
            return JSONReply.error(.serviceUnavailable, "the order could not be read").response
        }
    }

    private struct DeadLetterAction: Decodable {
        var queue: String
        var ids: [String]
    }

    private func deadLetters(_ request: Request, action: String) async -> Response {
        let viewer: DashboardViewer
        do { viewer = try await authorise(request) } catch { return JSONReply.error(.unauthorized, "\(error)").response }
        guard viewer.isOperator else { return JSONReply.error(.forbidden, "only an operator's token may change dead letters").response }
        guard DashboardCredentials.isSameOrigin(request) else {
            return JSONReply.error(.forbidden, "cross-site request refused").response
        }
        guard let tokens, tokens.acceptsCSRF(request.headers[.init("X-CSRF-Token")!], for: viewer) else {
            return JSONReply.error(.forbidden, "missing or wrong X-CSRF-Token").response
        }
        guard action == "retry" || action == "delete" else { return JSONReply.error(.notFound, "no action \(action)").response }
        let body: DeadLetterAction
        do {
            let buffer = try await request.body.collect(upTo: 1 << 20)
            body = try JSONDecoder().decode(DeadLetterAction.self, from: Data(buffer: buffer))
        } catch {
            return JSONReply.error(.badRequest, "expected {\"queue\": \"…\", \"ids\": [\"…\"]}").response
        }
        let settings = queueSettings
        do {
            let moved = try await pool.run { connections in
                let admin = QueueAdmin(connection: try connections.redis(), settings: settings)
                return action == "retry"
                    ? try admin.retryDead(queue: body.queue, ids: body.ids, now: Date().timeIntervalSince1970)
                    : try admin.deleteDead(queue: body.queue, ids: body.ids)
            }
            return JSONReply(.ok, ["ok": .bool(true), "moved": .number(Double(moved))]).response
        } catch {
            return JSONReply.error(.serviceUnavailable, "Redis is unavailable: \(error)").response
        }
    }

    private func authorise(_ request: Request) async throws(DashboardAuthError) -> DashboardViewer {
        guard let token = DashboardCredentials.token(in: request) else { throw .missing }
        return try await authorise(token: token)
    }

    private func authorise(token: String) async throws(DashboardAuthError) -> DashboardViewer {
        guard let tokens else { throw .forbidden("the dashboard is not configured: set CF_DASHBOARD_SECRET") }
        return try await tokens.verify(token)
    }

    private func refusal(_ error: DashboardAuthError) -> Response {
        pages.denied(.unauthorized, title: "Sign-in needed", reason: error.description)
    }
}
