// Applies transport-level fault rules to every API request (not `/_sim/*`): throttling, server
// errors, timeouts, latency and lost responses. It also logs each request for `/_sim/requests`.
// For EasyPost it reads the body to learn the carrier (from the rate being bought or the tracker).

import Foundation
import Hummingbird

/// Fault injection in front of the simulated APIs.
struct FaultMiddleware<Context: RequestContext>: RouterMiddleware {
    let state: SandboxState

    static var transportKinds: Set<String> { ["throttle", "server_error", "timeout", "latency", "lost_response"] }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix("/_sim") || path.hasPrefix("/labels/") { return try await next(request, context) }
        let method = request.method.rawValue
        var request = request
        var rateId: String?
        var carrier: String?
        if path.hasPrefix("/v2/") && request.method == .post {
            let bytes = try await request.bytes()
            request.body = RequestBody(buffer: ByteBuffer(bytes: bytes))
            let target = try? CarrierTarget.decoder.decode(CarrierTarget.self, from: bytes)
            rateId = target?.rate?.id
            carrier = target?.tracker?.carrier
        }
        guard
            let rule = await state.admit(
                kinds: Self.transportKinds, method: method, path: path, rateId: rateId, carrier: carrier)
        else {
            return try await next(request, context)
        }
        let tiktok = !path.hasPrefix("/v2/") && !path.hasPrefix("/supplier/")
        switch rule.kind {
        case "throttle":
            var headers: HTTPFields = [:]
            if let seconds = rule.retryAfter { headers[.retryAfter] = String(seconds) }
            if tiktok {
                return SimReply.tiktok(
                    .tooManyRequests, code: Int64(rule.code ?? 429), message: "Too many requests", headers: headers)
            }
            return SimReply.error(.tooManyRequests, code: "RATE_LIMITED", message: "Too many requests", headers: headers)
        case "server_error":
            return failure(status: rule.status ?? 500, tiktok: tiktok)
        case "timeout":
            try await Task.sleep(for: .milliseconds(rule.delayMs ?? 60_000))
            return failure(status: 504, tiktok: tiktok)
        case "latency":
            try await Task.sleep(for: .milliseconds(rule.delayMs ?? 500))
            return try await next(request, context)
        default:
            _ = try await next(request, context)
            return failure(status: rule.status ?? 500, tiktok: tiktok)
        }
    }

    private func failure(status: Int, tiktok: Bool) -> Response {
        let code = HTTPResponse.Status(code: status)
        if tiktok { return SimReply.tiktok(code, code: 36009003, message: "Internal error, please try again later.") }
        return SimReply.error(code, code: "INTERNAL_SERVER_ERROR", message: "We're sorry, something went wrong.")
    }
}

/// The two fields of an EasyPost body that name its carrier: the rate being bought or the
/// tracker's carrier. Decoded alone, they cost a twentieth of the whole body as a `SimJSON`.
private struct CarrierTarget: Decodable {
    struct Rate: Decodable { let id: String? }
    struct Tracker: Decodable { let carrier: String? }
    let rate: Rate?
    let tracker: Tracker?

    static let decoder = JSONDecoder()
}
