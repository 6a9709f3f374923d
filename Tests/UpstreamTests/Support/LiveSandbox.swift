// The sandbox served in-process on a free loopback port, reached over real HTTP, with its
// control routes for fault rules and the request log.

import Foundation
import Sandbox

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Runs `body` with a fresh sandbox (EasyPost key `easyPostKey`), stopping it afterwards.
func withSandbox<T: Sendable>(_ body: (SandboxServer) async throws -> T) async throws -> T {
    let server = try await SandboxServer.start(SandboxConfiguration(port: 0, easyPostKey: easyPostKey, webhookURL: nil))
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

let easyPostKey = "upstream-tests-easypost"

extension SandboxServer {
    /// A control call; returns the JSON answer.
    @discardableResult
    func control(_ method: String, _ path: String, _ body: String? = nil) async throws -> Any {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.httpMethod = method
        request.httpBody = body.map { Data($0.utf8) }
        let (data, _) = try await URLSession.shared.data(for: request)
        return try JSONSerialization.jsonObject(with: data)
    }

    /// How many requests reached `method path`.
    func requestCount(_ method: String, _ path: String) async throws -> Int {
        let summary = try await control("GET", "/_sim/requests") as? [String: Any]
        return (summary?["counts"] as? [String: Any])?["\(method) \(path)"] as? Int ?? 0
    }
}
