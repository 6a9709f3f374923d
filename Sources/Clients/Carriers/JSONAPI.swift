// The plumbing shared by the JSON-over-HTTP clients (EasyPost, supplier): coders (the models spell
// their snake_case wire names in `CodingKeys`) and decoding of success bodies and `{"error":{…}}`
// failures.

import Foundation

/// Encodes requests and decodes answers for one JSON upstream.
struct JSONAPI {
    let upstream: String
    let encoder: JSONEncoder
    let decoder: JSONDecoder

    init(upstream: String) {
        self.upstream = upstream
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        decoder = JSONDecoder()
    }

    /// The decoded body of a 2xx answer, else the classified error.
    func decode<T: Decodable>(_ response: HTTPResponse, as: T.Type) throws -> T {
        guard response.isSuccess else { throw failure(response) }
        do {
            return try decoder.decode(T.self, from: response.body)
        } catch {
            throw ResponseDecodingError(upstream: upstream, message: "unexpected \(T.self) shape: \(error)")
        }
    }

    /// The classified error for a non-2xx answer.
    func failure(_ response: HTTPResponse) -> EasyPostAPIError {
        let detail = (try? decoder.decode(EasyPostAPIError.Body.self, from: response.body))?.error
        let retryable = response.status == 408 || response.status == 429 || response.status >= 500
        return EasyPostAPIError(
            upstream: upstream, status: response.status, code: detail?.code ?? "HTTP_\(response.status)",
            message: detail?.message ?? "HTTP \(response.status)", retryAfter: retryable ? response.retryAfter() : nil)
    }
}
