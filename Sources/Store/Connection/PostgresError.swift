// The one error type of the Store module. It carries the SQLSTATE, the server's message and the
// failing statement's SQL text — never parameter values, row details or URL credentials.

import Domain

/// A failure to reach PostgreSQL, a statement the server refused, or a value that did not decode.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    /// Where the failure came from.
    public enum Kind: Sendable, Equatable {
        /// The connection could not be made or broke; the session is gone.
        case connection
        /// The server rejected a statement (see `sqlState`).
        case server
        /// A result cell could not be decoded into the requested Swift type.
        case decoding
        /// The caller asked for something impossible (bad column name, too many parameters, ...).
        case invalidUsage
    }

    /// Where the failure came from.
    public let kind: Kind
    /// The five-character SQLSTATE code, when the server sent one (e.g. `23505`).
    public let sqlState: String?
    /// The primary message, with any URL password masked.
    public let message: String
    /// The violated constraint's name, for integrity errors.
    public let constraint: String?
    /// The SQL text that failed (placeholders only, never the bound values).
    public let statement: String?

    public init(
        kind: Kind, sqlState: String? = nil, message: String, constraint: String? = nil, statement: String? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.constraint = constraint
        self.statement = statement
    }

    /// Whether running the same work again later can succeed: lost connections, serialization
    /// failures (40001), deadlocks (40P01), lock and statement timeouts (55P03, 57014), server
    /// shutdowns, connection-slot exhaustion and a server short of memory or disk (53xxx).
    public var isRetryable: Bool {
        if kind == .connection { return true }
        guard let sqlState else { return false }
        return sqlState.hasPrefix("08") || sqlState.hasPrefix("53") || Self.retryableStates.contains(sqlState)
    }

    /// A unique constraint rejected the row (SQLSTATE 23505).
    public var isUniqueViolation: Bool { sqlState == "23505" }

    /// A CHECK constraint rejected the row (SQLSTATE 23514).
    public var isCheckViolation: Bool { sqlState == "23514" }

    public var description: String {
        var text = "postgres \(kind) error"
        if let sqlState { text += " \(sqlState)" }
        text += ": \(message)"
        if let constraint { text += " (constraint \(constraint))" }
        if let statement { text += " in statement: \(Self.abbreviated(statement))" }
        return text
    }

    private static let retryableStates: Set<String> = ["40001", "40P01", "55P03", "57014", "57P01", "57P02", "57P03"]
    private static let statementLimit = 500

    private static func abbreviated(_ sql: String) -> String {
        let flat = sql.split(whereSeparator: \.isNewline).map { $0.drop(while: \.isWhitespace) }
            .joined(separator: " ")
        guard flat.count > statementLimit else { return flat }
        return flat.prefix(statementLimit) + "… (\(flat.count) characters)"
    }
}

extension PostgresError: DispositionedError {
    /// Lost connections, serialization failures, deadlocks and lock or statement timeouts retry;
    /// a constraint, an undefined table or column or a syntax error never will.
    public var disposition: ErrorDisposition { isRetryable ? .retryable : .permanent }
}
