// One non-null cell of a result, in PostgreSQL's text output format, handed to a decoder.
// It borrows the result's memory and is only valid during the decode call.

/// The text form of one non-null result cell plus where it came from.
public struct PostgresCell {
    /// The result column's name.
    public let column: String
    /// The column's type OID (`pg_type.oid`), e.g. 20 for `int8`.
    public let typeOID: UInt32
    let bytes: UnsafeRawBufferPointer

    /// The cell as UTF-8 text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Calls `body` with the cell's raw text bytes, without copying them.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(bytes)
    }

    /// The error to throw when the cell's text is not a valid `type` (it never quotes the value).
    public func mismatch<T>(_ type: T.Type) -> PostgresError {
        PostgresError(
            kind: .decoding, message: "column \"\(column)\" (type oid \(typeOID)) does not hold a valid \(T.self)")
    }
}
