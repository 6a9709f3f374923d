// The synchronous TikTok Shop Partner API client (202309). Each attempt is built afresh with the
// current timestamp and signed over the exact body bytes it sends. One owner thread per client:
// it keeps a libcurl handle for connection reuse and blocks while a request is in flight.

import Foundation

/// Calls the TikTok Shop API and auth hosts for one app.
public final class TikTokShopClient {
    public let configuration: TikTokConfiguration
    let signer: TikTokSigner
    let executor: RetryingExecutor
    let now: @Sendable () -> Date
    let encoder = TikTokJSON.encoder()
    let decoder = TikTokJSON.decoder()

    /// A client with its own HTTP connection; `gate` rate-limits and circuit-breaks every request.
    public init(
        configuration: TikTokConfiguration, gate: (any UpstreamGate)? = nil,
        retry: CallRetryPolicy = .exponentialJitter(), now: @escaping @Sendable () -> Date = { Date() },
        sleep: (@Sendable (Duration) -> Void)? = nil
    ) throws {
        self.configuration = configuration
        self.signer = TikTokSigner(appSecret: configuration.appSecret)
        self.executor = RetryingExecutor(
            http: try HTTPClient(configuration: configuration.http), gate: gate, policy: retry,
            sleep: sleep ?? RetryingExecutor.threadSleep)
        self.now = now
    }

    /// The upstream identity of a request for `shop` (app-wide when `nil`).
    func upstreamCall(shopId: String?) -> UpstreamCall {
        var buckets = ["tiktok:app:\(configuration.appKey)"]
        if let shopId { buckets.append("tiktok:shop:\(shopId)") }
        return UpstreamCall(upstream: "tiktok", buckets: buckets)
    }

    /// Sends a signed API request and decodes the envelope's `data`.
    func signed<Payload: Decodable>(
        _ method: HTTPMethod, _ path: String, query extra: [(String, String)] = [], body: (any Encodable)? = nil,
        shop: ShopAccess?, accessToken: String? = nil, as: Payload.Type
    ) throws -> Payload {
        let bytes = try body.map { try encoder.encode($0) }
        let token = shop?.accessToken ?? accessToken
        return try executor.run(upstreamCall(shopId: shop?.shopId)) {
            var query: [(String, String)] = [
                ("app_key", configuration.appKey), ("timestamp", String(Int64(now().timeIntervalSince1970))),
            ]
            if let shop { query.append(("shop_cipher", shop.cipher)) }
            query += extra.filter { !$0.1.isEmpty }
            let sign = signer.sign(method: method, path: path, query: query, body: bytes)
            query.append(("sign", sign))
            var headers = [(name: "Content-Type", value: "application/json")]
            if let token { headers.append((name: "x-tts-access-token", value: token)) }
            return HTTPRequest(
                method: method, url: configuration.apiBaseURL + path + "?" + QueryString.encode(query), headers: headers,
                body: method == .get ? nil : (bytes ?? Data()))
        } interpret: { response in
            try unwrap(response, as: Payload.self)
        }
    }

    /// The envelope's `data` for a success, else the classified `TikTokAPIError`.
    func unwrap<Payload: Decodable>(_ response: HTTPResponse, as: Payload.Type) throws -> Payload {
        let envelope = try? decoder.decode(TikTokEnvelope<Payload>.self, from: response.body)
        if response.status == 200, let envelope, envelope.code == 0 {
            if let data = envelope.data { return data }
            if let empty = try? decoder.decode(Payload.self, from: Data("{}".utf8)) { return empty }
            throw ResponseDecodingError(upstream: "tiktok", message: "success envelope without data")
        }
        if response.status == 200 && envelope == nil {
            throw ResponseDecodingError(upstream: "tiktok", message: "answer is not a TikTok envelope")
        }
        let code = envelope?.code ?? 0
        let status = response.status
        let retryable = status == 408 || status == 429 || status >= 500 || configuration.throttleCodes.contains(code)
        throw TikTokAPIError(
            status: status, code: code, message: envelope?.message ?? "HTTP \(status)", requestId: envelope?.requestId,
            isRetryable: retryable, retryAfter: retryable ? response.retryAfter(now: now()) : nil)
    }
}
