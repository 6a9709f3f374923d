// Building the sandbox's HTTP answers: plain JSON, the TikTok envelope, and EasyPost errors.

import Foundation
import Hummingbird

/// Answers of the sandbox.
enum SimReply {
    /// `body` as JSON with `status` and extra `headers`.
    static func json(_ status: HTTPResponse.Status, _ body: SimJSON, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body.data)))
    }

    /// The TikTok envelope `{code, message, request_id, data}`.
    static func tiktok(
        _ status: HTTPResponse.Status = .ok, code: Int64 = 0, message: String = "Success", data: SimJSON = nil,
        headers: HTTPFields = [:]
    ) -> Response {
        json(
            status,
            ["code": .int(code), "message": .string(message), "request_id": .string(requestId()), "data": data],
            headers: headers)
    }

    /// EasyPost's (and the supplier's) `{"error":{"code","message","errors":[]}}`.
    static func error(_ status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) -> Response {
        json(status, ["error": ["code": .string(code), "message": .string(message), "errors": []]], headers: headers)
    }

    /// A TikTok-style request id.
    static func requestId() -> String {
        let stamp = Int64(Date().timeIntervalSince1970 * 1000)
        return "\(stamp)" + String(UInt32.random(in: 0...UInt32.max), radix: 16, uppercase: true)
    }
}

extension Request {
    /// The whole body, up to 4 MiB.
    func bytes() async throws -> Data {
        let buffer = try await body.collect(upTo: 4 << 20)
        return Data(buffer.readableBytesView)
    }
}
