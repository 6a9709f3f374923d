// Errors the pipeline raises about its own data (as opposed to upstream or queue failures).

/// A pipeline invariant failed.
public enum PipelineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stored data contradicts the schema's meaning.
    case corrupt(String)
    /// Something the step needs does not exist (yet).
    case missing(String)

    public var description: String {
        switch self {
        case .corrupt(let message): return "corrupt data: \(message)"
        case .missing(let message): return "missing: \(message)"
        }
    }
}
