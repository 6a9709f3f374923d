// Errors the pipeline raises about its own data (as opposed to upstream or queue failures).

import Domain

/// A pipeline invariant failed.
public enum PipelineError: DispositionedError, Sendable, Equatable, CustomStringConvertible {
    /// Stored data contradicts the schema's meaning.
    case corrupt(String)
    /// Something the step needs does not exist (yet).
    case missing(String)

    /// Corrupt data stays corrupt; what is missing may arrive (an order another job is storing).
    public var disposition: ErrorDisposition {
        switch self {
        case .corrupt: return .permanent
        case .missing: return .retryable
        }
    }

    public var description: String {
        switch self {
        case .corrupt(let message): return "corrupt data: \(message)"
        case .missing(let message): return "missing: \(message)"
        }
    }
}
