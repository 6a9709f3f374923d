// A bound statement parameter, already encoded in PostgreSQL's wire form. Strings travel untyped
// so the server types them from context (text, varchar, jsonb); every other value carries its
// type OID so `SELECT $1` round-trips without a cast. Ints are int8: cast (`$1::int`) where a
// function insists on int4.

import Foundation

/// One parameter of a parameterized statement; values are never spliced into SQL text.
public struct PostgresValue: Sendable, Hashable {
    let typeOID: UInt32
    let isBinary: Bool
    let bytes: [UInt8]

    private init(typeOID: UInt32, isBinary: Bool = false, text: String) {
        self.init(typeOID: typeOID, isBinary: isBinary, bytes: Array(text.utf8))
    }

    private init(typeOID: UInt32, isBinary: Bool, bytes: [UInt8]) {
        self.typeOID = typeOID
        self.isBinary = isBinary
        self.bytes = bytes
    }

    /// Text, typed by the server from context (so it also fills `jsonb` or `varchar` columns).
    public static func string(_ value: String) -> PostgresValue { PostgresValue(typeOID: 0, text: value) }

    /// JSON text sent as `jsonb`.
    public static func json(_ text: String) -> PostgresValue { PostgresValue(typeOID: 3802, text: text) }

    /// An integer sent as `int8`.
    public static func int(_ value: Int) -> PostgresValue { PostgresValue(typeOID: 20, text: String(value)) }

    /// An integer sent as `int8`.
    public static func int64(_ value: Int64) -> PostgresValue { PostgresValue(typeOID: 20, text: String(value)) }

    /// A float sent as `float8`, including NaN and the infinities.
    public static func double(_ value: Double) -> PostgresValue {
        let text: String
        if value.isNaN {
            text = "NaN"
        } else if value.isInfinite {
            text = value < 0 ? "-Infinity" : "Infinity"
        } else {
            text = "\(value)"
        }
        return PostgresValue(typeOID: 701, text: text)
    }

    /// A boolean sent as `bool`.
    public static func bool(_ value: Bool) -> PostgresValue { PostgresValue(typeOID: 16, text: value ? "t" : "f") }

    /// An instant sent as `timestamptz` (microsecond precision, UTC).
    public static func date(_ value: Date) -> PostgresValue {
        PostgresValue(typeOID: 1184, text: PostgresTimestamp.text(for: value))
    }

    /// Raw bytes sent as `bytea` in binary form (no escaping, may contain NUL).
    public static func bytes(_ value: Data) -> PostgresValue {
        PostgresValue(typeOID: 17, isBinary: true, bytes: Array(value))
    }

    /// A UUID sent as `uuid`.
    public static func uuid(_ value: UUID) -> PostgresValue { PostgresValue(typeOID: 2950, text: value.uuidString) }
}

extension PostgresValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension PostgresValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension PostgresValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension PostgresValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension PostgresValue: CustomStringConvertible, CustomDebugStringConvertible {
    /// The type and size only: parameter values may be secrets and stay out of logs.
    public var description: String { "PostgresValue(oid \(typeOID), \(bytes.count) bytes)" }
    public var debugDescription: String { description }
}
