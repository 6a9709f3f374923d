// The admit script's answer as a value: admitted, or why not and for how long.

import Queue
import Redis

/// What the admit script decided for one request.
enum Admission: Equatable {
    /// Go; `trial` when this request is the half-open breaker's one trial.
    case admitted(trial: Bool)
    /// The breaker is open for `milliseconds` more.
    case open(milliseconds: Int)
    /// Half-open, and another request holds the trial lease for `milliseconds` more.
    case trialInFlight(milliseconds: Int)
    /// The bucket at `bucketIndex` (0-based) has a free slot in `milliseconds`.
    case throttled(milliseconds: Int, bucketIndex: Int)

    init(reply: RedisReply) throws {
        let values = reply.array.compactMap(\.integer)
        switch (values.first, values.count) {
        case (0, 2): self = .admitted(trial: values[1] == 1)
        case (1, 2): self = .open(milliseconds: values[1])
        case (2, 2): self = .trialInFlight(milliseconds: values[1])
        case (3, 3): self = .throttled(milliseconds: values[1], bucketIndex: values[2] - 1)
        default: throw RedisError.protocolViolation("upstream-admit answered \(reply)")
        }
    }
}
