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
        let tooLarge = JSONReply.error(.contentTooLarge, "the body exceeds the limit of \(maxBodyBytes) bytes")
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > maxBodyBytes {
            return tooLarge
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBodyBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return tooLarge
        }
        return await intake.receive(body: Data(body.readableBytesView), signature: request.headers[Self.signatureField])
    }
}
