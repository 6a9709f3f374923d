// The envelope around every TikTok Shop answer: `{code, message, request_id, data}`; success is
// HTTP 200 with `code == 0`.

/// A decoded TikTok Shop response envelope.
struct TikTokEnvelope<Payload: Decodable>: Decodable {
    let code: Int
    let message: String?
    let requestId: String?
    let data: Payload?

    private enum CodingKeys: String, CodingKey {
        case code, message, requestId = "request_id", data
    }
}

/// An envelope whose `data` is ignored.
struct TikTokEmpty: Decodable {}
