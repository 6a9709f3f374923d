// What a worker needs of an envelope to run a job: everything but the arguments, which the job's
// handler decodes into its own payload type. Decoding the header skips the arguments, so a job that
// succeeds never builds their `JSONValue`.

import Foundation

/// An envelope's fields without `args`.
public struct JobEnvelopeHeader: Decodable, Sendable, Equatable {
    public var version: Int
    public var id: String
    public var kind: String
    public var queue: String
    /// 1-based number of the attempt this envelope will run as.
    public var attempt: Int
    public var correlation: String?

    enum CodingKeys: String, CodingKey {
        case version = "v", id, kind, queue, attempt, correlation
    }

    /// Decodes the header of a raw envelope; throws for anything that is not an envelope.
    public static func decode(_ raw: String) throws -> JobEnvelopeHeader {
        try EnvelopeCoding.decoder.decode(JobEnvelopeHeader.self, from: Data(raw.utf8))
    }
}
