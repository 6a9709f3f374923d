// Reads a webhook body up to the receiver's cap: a declared or actual larger body is refused
// with 413 without being buffered. Shared by every webhook route.

import Foundation
import Hummingbird

/// Request bodies under the receiver's size cap.
enum CappedBody {
    /// The body, or nil when it is larger than `maxBytes` (answer with `tooLarge`).
    static func read(_ request: Request, maxBytes: Int) async throws -> Data? {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > maxBytes { return nil }
        do {
            return Data(try await request.body.collect(upTo: maxBytes).readableBytesView)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return nil
        }
    }

    /// The 413 answer for a body over `maxBytes`.
    static func tooLarge(_ maxBytes: Int) -> JSONReply {
        .error(.contentTooLarge, "the body exceeds the limit of \(maxBytes) bytes")
    }
}
