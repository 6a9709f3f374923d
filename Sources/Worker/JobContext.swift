// What a handler knows about the attempt it runs: ids for exactly-once effects, a deadline,
// cooperative cancellation and a logger already tagged with the job's fields.

import Foundation
import Logging
import Synchronization

/// Set when an attempt should stop early (time limit reached, or shutdown deadline passed).
public final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public var isCancelled: Bool { flag.load(ordering: .acquiring) }
    public func cancel() { flag.store(true, ordering: .releasing) }
}

/// The attempt a handler is running.
public struct JobContext: Sendable {
    public let id: String
    public let kind: String
    public let queue: String
    /// 1-based attempt number; with `id`, the key for making effects exactly-once.
    public let attempt: Int
    public let correlation: String?
    /// Unix seconds after which the attempt counts as timed out.
    public let deadline: Double
    public let cancellation: CancellationFlag
    public let logger: Logger

    /// Throws a retryable failure when the attempt was cancelled; call between steps.
    public func checkCancellation() throws {
        if cancellation.isCancelled { throw CancellationError() }
    }

    /// Seconds left before the deadline, never negative; give I/O timeouts shorter than this.
    public func remainingSeconds(now: Double = Date().timeIntervalSince1970) -> Double { max(0, deadline - now) }
}
