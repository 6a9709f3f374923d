// Requests the endpoint tests send.

import Hummingbird
import HummingbirdTesting

/// POSTs `body` to the webhook endpoint, signed correctly unless `headers` says otherwise.
func deliver(
    _ client: some TestClientProtocol, _ body: String, headers: HTTPFields? = nil
) async throws -> TestResponse {
    try await client.execute(
        uri: "/webhooks/tiktok", method: .post, headers: headers ?? Webhooks.signed(body), body: body.buffer)
}
