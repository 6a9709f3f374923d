// The dashboard's HTML: the main page (every panel server-rendered from the same snapshot the
// socket sends first), one order's page with its timeline, and the sign-in-needed page.

import Domain
import Foundation
import Hummingbird

/// Renders dashboard pages.
struct DashboardPages: Sendable {
    let templates: DashboardTemplates

    /// The main page from a snapshot message's JSON.
    func dashboard(snapshot: String, csrf: String) -> Response {
        guard case .object(var fields)? = try? JSONDecoder().decode(JSONValue.self, from: Data(snapshot.utf8)) else {
            return html(.internalServerError, templates.render("denied", ["title": "Dashboard unavailable", "reason": "the snapshot could not be read"]))
        }
        var context = fields.compactMapValues(DashboardTemplates.mustacheValue)
        if case .object(let counts)? = fields["counts"] {
            context["state_counts"] = Self.countList(counts["by_state"])
            context["band_counts"] = Self.countList(counts["by_band"])
        }
        if case .array(let checks)? = fields.removeValue(forKey: "health") {
            let overall = checks.first { if case .object(let check) = $0 { check["subsystem"] == .string("overall") } else { false } }
            context["health_overall"] = overall.flatMap(DashboardTemplates.mustacheValue)
            context["health"] = checks.filter { $0 != overall }.compactMap(DashboardTemplates.mustacheValue)
        }
        context["csrf"] = csrf
        context["empty"] = [[String: Any]()]
        return html(.ok, templates.render("dashboard", context))
    }

    /// One order's page from its timeline JSON.
    func order(page: String, csrf: String) -> Response {
        let value = (try? JSONDecoder().decode(JSONValue.self, from: Data(page.utf8))) ?? .null
        var context = (DashboardTemplates.mustacheValue(value) as? [String: Any]) ?? [:]
        context["csrf"] = csrf
        context["empty"] = [[String: Any]()]
        return html(.ok, templates.render("order", context))
    }

    /// The page for a refused or unknown request.
    func denied(_ status: HTTPResponse.Status, title: String, reason: String) -> Response {
        html(status, templates.render("denied", ["title": title, "reason": reason]))
    }

    /// A static asset, or 404.
    func asset(_ name: String) -> Response {
        guard let text = templates.assets[name] else { return denied(.notFound, title: "Not found", reason: "no such dashboard file") }
        var headers = HTTPFields()
        headers[.contentType] = name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private static func countList(_ value: JSONValue?) -> [[String: Any]] {
        guard case .object(let counts)? = value else { return [] }
        return counts.keys.sorted().compactMap { name in
            guard case .number(let count)? = counts[name] else { return nil }
            return ["name": name, "count": Int(count)]
        }
    }

    private func html(_ status: HTTPResponse.Status, _ body: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.init("Content-Security-Policy")!] =
            "default-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'"
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
