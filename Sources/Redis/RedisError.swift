// Errors from talking to Redis. They never carry the password of the URL.

/// A failure to reach Redis or a command Redis refused.
public enum RedisError: Error, CustomStringConvertible, Sendable {
    /// The connection could not be made or broke (retryable once Redis is back).
    case connection(String)
    /// Redis answered with an error reply, e.g. OOM or NOSCRIPT.
    case server(command: String, message: String)
    /// The reply had an unexpected shape.
    case protocolViolation(String)

    public var description: String {
        switch self {
        case .connection(let m): return "redis connection error: \(m)"
        case .server(let c, let m): return "redis error on \(c): \(m)"
        case .protocolViolation(let m): return "unexpected redis reply: \(m)"
        }
    }

    /// Redis refused a write because it reached `maxmemory` under `noeviction`.
    public var isOutOfMemory: Bool {
        if case .server(_, let m) = self { return m.hasPrefix("OOM") }
        return false
    }
}
