// A Redis reply decoded from hiredis into a Swift value.
// Bulk strings keep their bytes; helpers convert the common shapes.

import Foundation

/// One reply from Redis, copied out of hiredis memory.
public enum RedisReply: Sendable, Equatable {
    case string(String)
    case status(String)
    case integer(Int)
    case array([RedisReply])
    case null
    case error(String)

    /// The reply as text when it is a bulk string or status.
    public var string: String? {
        switch self {
        case .string(let s), .status(let s): return s
        case .integer(let i): return String(i)
        default: return nil
        }
    }

    /// The reply as an integer when it is one (or a numeric string).
    public var integer: Int? {
        switch self {
        case .integer(let i): return i
        case .string(let s): return Int(s)
        default: return nil
        }
    }

    /// The elements of an array reply; empty for nil.
    public var array: [RedisReply] {
        if case .array(let a) = self { return a }
        return []
    }

    /// The strings of an array reply, skipping nils.
    public var strings: [String] { array.compactMap(\.string) }

    public var isNull: Bool { self == .null }
}
