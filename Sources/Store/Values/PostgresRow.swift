// One row of a result, read by column name or position into any `PostgresDecodable` type.

/// A row of `PostgresRows`: `try row["status", as: String.self]` or `try row.decode(Int?.self, column: "n")`.
public struct PostgresRow {
    private let rows: PostgresRows
    private let index: Int32

    init(rows: PostgresRows, index: Int32) {
        self.rows = rows
        self.index = index
    }

    /// The value of column `column`; NULL only decodes into an optional type.
    public subscript<T: PostgresDecodable>(column: String, as type: T.Type) -> T {
        get throws { try decode(type, column: column) }
    }

    /// The value of column `column`; NULL only decodes into an optional type.
    public func decode<T: PostgresDecodable>(_ type: T.Type, column: String) throws -> T {
        try rows.decode(type, row: index, column: try rows.column(named: column))
    }

    /// The value of the column at zero-based `position`.
    public func decode<T: PostgresDecodable>(_ type: T.Type, at position: Int) throws -> T {
        try rows.decode(type, row: index, column: Int32(clamping: position))
    }
}
