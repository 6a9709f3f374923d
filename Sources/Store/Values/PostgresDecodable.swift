// Decoding of result cells into Swift values. NULL decodes only into optionals; a NULL read as a
// non-optional type is an error that names the column.

import Foundation

/// A Swift type that can be read from a result cell.
public protocol PostgresDecodable {
    /// Decodes a non-null cell.
    static func decode(_ cell: PostgresCell) throws -> Self
    /// The value for SQL NULL; the default throws, optionals return `nil`.
    static func decodeNull(column: String) throws -> Self
}

extension PostgresDecodable {
    public static func decodeNull(column: String) throws -> Self {
        throw PostgresError(kind: .decoding, message: "column \"\(column)\" is NULL but \(Self.self) is not optional")
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws -> Wrapped? { try Wrapped.decode(cell) }
    public static func decodeNull(column: String) throws -> Wrapped? { nil }
}

extension PostgresDecodable where Self: RawRepresentable, RawValue: PostgresDecodable {
    /// Decodes the raw value, then the case; an unknown raw value is a decoding error.
    public static func decode(_ cell: PostgresCell) throws -> Self {
        guard let value = Self(rawValue: try RawValue.decode(cell)) else { throw cell.mismatch(Self.self) }
        return value
    }
}

extension String: PostgresDecodable {
    /// Any column's text form (so `jsonb`, `numeric` or enum columns read as their text).
    public static func decode(_ cell: PostgresCell) throws -> String { cell.text }
}

extension Int: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws -> Int {
        guard let value = Int(cell.text) else { throw cell.mismatch(Int.self) }
        return value
    }
}

extension Int64: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws -> Int64 {
        guard let value = Int64(cell.text) else { throw cell.mismatch(Int64.self) }
        return value
    }
}

extension Double: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws -> Double {
        guard let value = Double(cell.text) else { throw cell.mismatch(Double.self) }
        return value
    }
}

extension Bool: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws -> Bool {
        switch cell.text {
        case "t", "true": return true
        case "f", "false": return false
        default: throw cell.mismatch(Bool.self)
        }
    }
}

extension Date: PostgresDecodable {
    /// Reads `timestamptz`, `timestamp` (as UTC) and `date` columns.
    public static func decode(_ cell: PostgresCell) throws -> Date {
        guard let value = PostgresTimestamp.date(from: cell.text) else { throw cell.mismatch(Date.self) }
        return value
    }
}

extension UUID: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws -> UUID {
        guard let value = UUID(uuidString: cell.text) else { throw cell.mismatch(UUID.self) }
        return value
    }
}

extension Data: PostgresDecodable {
    /// Reads `bytea` in hex output form (`\x0a1b...`, which every session is set to).
    public static func decode(_ cell: PostgresCell) throws -> Data {
        try cell.withUnsafeBytes { raw in
            guard raw.count >= 2, raw[0] == UInt8(ascii: "\\"), raw[1] == UInt8(ascii: "x"), raw.count % 2 == 0 else {
                throw cell.mismatch(Data.self)
            }
            var data = Data(capacity: (raw.count - 2) / 2)
            var index = 2
            while index < raw.count {
                guard let high = hexValue(raw[index]), let low = hexValue(raw[index + 1]) else {
                    throw cell.mismatch(Data.self)
                }
                data.append(high << 4 | low)
                index += 2
            }
            return data
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
