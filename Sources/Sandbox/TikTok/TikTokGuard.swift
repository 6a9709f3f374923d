// The checks every signed TikTok API request passes, in the real order and with the real error
// envelopes: app key, timestamp freshness and `sign` (401, code 106001), the access token
// (401, 105001 unknown / 105002 expired / 105000 missing) and `shop_cipher` on shop-scoped paths
// (400, 36009004 missing / 105005 not this seller's). Codes other than 106001 are sandbox
// choices within TikTok's documented 105xxx / 36009xxx families.

import Foundation
import HTTPTypes
import Hummingbird

/// Authenticates signed API requests.
struct TikTokGuard: Sendable {
    let state: SandboxState
    let verifier: TikTokSignatureVerifier
    let configuration: SandboxConfiguration

    static let badSign = "Invalid credentials. The 'sign' query parameter is invalid."

    /// `nil` when the request may proceed, else the error answer.
    func reject(_ request: Request, body: Data, shopScoped: Bool) async -> Response? {
        let query = RawQuery.pairs(request.uri.query)
        guard query["app_key"] == configuration.appKey else {
            return SimReply.tiktok(.unauthorized, code: 106001, message: Self.badSign)
        }
        guard let stamp = query["timestamp"].flatMap(Int64.init),
            abs(stamp - Int64(Date().timeIntervalSince1970)) <= configuration.timestampSkew.components.seconds
        else {
            return SimReply.tiktok(.unauthorized, code: 106001, message: Self.badSign + " The timestamp is stale.")
        }
        guard let sign = query["sign"],
            verifier.isValid(
                sign: sign, method: request.method.rawValue, path: request.uri.path, rawQuery: request.uri.query ?? "",
                body: Array(body), contentType: request.headers[.contentType])
        else {
            return SimReply.tiktok(.unauthorized, code: 106001, message: Self.badSign)
        }
        let token = request.headers[HTTPField.Name("x-tts-access-token")!]
        switch await state.check(accessToken: token) {
        case .valid: break
        case .missing:
            return SimReply.tiktok(
                .unauthorized, code: 105000, message: "Invalid credentials. The x-tts-access-token header is missing.")
        case .unknown:
            return SimReply.tiktok(.unauthorized, code: 105001, message: "Invalid credentials. The access token is invalid.")
        case .expired:
            return SimReply.tiktok(.unauthorized, code: 105002, message: "Expired credentials. The access token has expired.")
        }
        if shopScoped {
            guard let cipher = query["shop_cipher"], !cipher.isEmpty else {
                return SimReply.tiktok(.badRequest, code: 36009004, message: "param shop_cipher is missing")
            }
            guard cipher == state.shop.cipher else {
                return SimReply.tiktok(.forbidden, code: 105005, message: "The shop_cipher does not belong to this seller.")
            }
        }
        return nil
    }
}
