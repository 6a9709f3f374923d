// The HTTP side of `POST /webhooks/easypost`: the body is collected up to the receiver's cap (a
// larger one is answered 413 unread), then handed to the intake with its `X-Hmac-Signature`.

import Foundation
import HTTPTypes
import Hummingbird

/// Reads an EasyPost delivery off the request.
struct EasyPostRoute: Sendable {
    let intake: EasyPostIntake
    let maxBodyBytes: Int

    private static let signatureField = HTTPField.Name(EasyPostSignature.header)!

    func handle(_ request: Request) async throws -> JSONReply {
        guard let body = try await CappedBody.read(request, maxBytes: maxBodyBytes) else {
            return CappedBody.tooLarge(maxBodyBytes)
        }
        return await intake.receive(body: body, signature: request.headers[Self.signatureField])
    }
}
