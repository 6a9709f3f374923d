// Every answer the receiver gives is a JSON object: `{"ok":true,...}`, `{"status":...}` or
// `{"error":"..."}`, with sorted keys so answers are byte-stable.

import Domain
import Foundation
import Hummingbird
import Queue

/// An HTTP status with a JSON object body.
public struct JSONReply: ResponseGenerator, Sendable, Equatable {
    public var status: HTTPResponse.Status
    public var body: [String: JSONValue]

    public init(_ status: HTTPResponse.Status, _ body: [String: JSONValue]) {
        self.status = status
        self.body = body
    }

    /// `{"error": message}` with `status`.
    public static func error(_ status: HTTPResponse.Status, _ message: String) -> JSONReply {
        JSONReply(status, ["error": .string(message)])
    }

    /// The HTTP response carrying this reply.
    public var response: Response {
        let data: Data
        do {
            data = try Self.encoder.encode(body)
        } catch {
            data = Data(#"{"error":"the response could not be encoded"}"#.utf8)
        }
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response { response }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
