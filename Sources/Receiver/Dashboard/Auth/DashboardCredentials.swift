// Where a request carries its dashboard token: `Authorization: Bearer`, the `cf_dashboard`
// cookie the page sets, or (for the link `creatorflow dashboard token` prints, once) `?token=`.

import Foundation
import Hummingbird

/// Reads a dashboard token from a request.
enum DashboardCredentials {
    /// The cookie that carries the token after the link was opened.
    static let cookieName = "cf_dashboard"

    /// The token in the header or the cookie, if any.
    static func token(in request: Request) -> String? {
        if let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer ") {
            return String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        }
        return request.cookies[cookieName]?.value
    }

    /// The one-time `?token=` of a dashboard link.
    static func linkToken(in request: Request) -> String? {
        request.uri.queryParameters["token"].map(String.init)
    }

    /// The cookie that keeps the token: HttpOnly (no script reads it), SameSite=Strict (no other
    /// site's request carries it), for the token's lifetime.
    static func cookie(for viewer: DashboardViewer, secure: Bool) -> Cookie {
        Cookie(
            name: cookieName, value: viewer.token, expires: viewer.expiresAt, path: "/", secure: secure, httpOnly: true,
            sameSite: .strict)
    }

    /// Whether the request's `Origin`, when it has one, is this server (its host, and its port
    /// when the origin names one): actions and sockets from another site's page are refused.
    static func isSameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard let authority = request.head.authority, let server = URL(string: "http://" + authority),
            let url = URL(string: origin), let originHost = url.host
        else { return false }
        guard originHost.lowercased() == server.host?.lowercased() else { return false }
        guard let port = url.port else { return true }
        return port == (server.port ?? 80)
    }
}
