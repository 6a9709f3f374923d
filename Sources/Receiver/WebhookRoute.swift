// `POST /webhooks/tiktok`: rejects unsigned requests before reading them, collects the body up
// to the cap (a larger body is answered 413 without being buffered), then hands it to the intake.

import Foundation
import Hummingbird

/// The HTTP side of the webhook endpoint.
struct WebhookRoute: Sendable {
    let intake: WebhookIntake
    let maxBodyBytes: Int

    private var tooLarge: JSONReply {
        .error(.contentTooLarge, "the body exceeds the limit of \(maxBodyBytes) bytes")
    }

    func handle(_ request: Request) async throws -> JSONReply {
        guard let header = request.headers[.authorization], !header.isEmpty else {
            return WebhookIntake.missingSignature
        }
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > maxBodyBytes {
            return tooLarge
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBodyBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return tooLarge
        }
        return await intake.receive(body: Data(body.readableBytesView), signature: header)
    }
}
