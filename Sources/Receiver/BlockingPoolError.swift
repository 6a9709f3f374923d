// Why a BlockingPool call did not run to completion.

/// A call the pool refused or stopped waiting for.
public enum BlockingPoolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pool is shutting down and takes no new work.
    case shutDown
    /// The call did not finish within the caller's deadline (it may still complete on its thread).
    case timedOut(Duration)

    public var description: String {
        switch self {
        case .shutDown: return "the blocking pool is shut down"
        case .timedOut(let limit): return "the blocking call did not finish within \(limit)"
        }
    }
}
