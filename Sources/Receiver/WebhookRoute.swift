// `POST /webhooks/tiktok`: rejects unsigned requests before reading them, collects the body up
// to the cap (a larger body is answered 413 without being buffered), then hands it to the intake.

import Foundation
import Hummingbird

/// The HTTP side of the webhook endpoint.
struct WebhookRoute: Sendable {
    let intake: WebhookIntake
    let maxBodyBytes: Int

    func handle(_ request: Request) async throws -> JSONReply {
        guard let header = request.headers[.authorization], !header.isEmpty else {
            return WebhookIntake.missingSignature
        }
        guard let body = try await CappedBody.read(request, maxBytes: maxBodyBytes) else {
            return CappedBody.tooLarge(maxBodyBytes)
        }
        return await intake.receive(body: body, signature: header)
    }
}
