// The rows of one statement's result. It owns the libpq result (freed on deinit) and decodes
// cells lazily, so reading a result copies nothing the caller does not ask for.

import CLibPQ

/// A statement's result: its rows, column names and command tag. Not Sendable: decode the values
/// you need before handing them to another thread.
public final class PostgresRows: RandomAccessCollection {
    private let result: OpaquePointer
    private let columnIndex: [String: Int32]
    /// The result's column names, in order.
    public let columns: [String]
    /// The command tag, e.g. `INSERT 0 3` or `COMMIT` (`ROLLBACK` when a COMMIT failed).
    public let commandTag: String
    /// Rows inserted, updated, deleted or returned, as the server reported them.
    public let affectedRows: Int

    init(taking result: OpaquePointer) {
        self.result = result
        let names = (0..<PQnfields(result)).map { String(cString: PQfname(result, $0)) }
        columns = names
        columnIndex = Dictionary(names.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
        commandTag = String(cString: PQcmdStatus(result))
        affectedRows = Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    deinit { PQclear(result) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { Int(PQntuples(result)) }

    public subscript(position: Int) -> PostgresRow {
        precondition(indices.contains(position), "row \(position) is out of range 0..<\(count)")
        return PostgresRow(rows: self, index: Int32(position))
    }

    func column(named name: String) throws -> Int32 {
        guard let index = columnIndex[name] else {
            throw PostgresError(kind: .invalidUsage, message: "the result has no column \"\(name)\" (it has \(columns))")
        }
        return index
    }

    func decode<T: PostgresDecodable>(_ type: T.Type, row: Int32, column: Int32) throws -> T {
        guard column >= 0, column < PQnfields(result) else {
            throw PostgresError(kind: .invalidUsage, message: "column index \(column) is out of range 0..<\(columns.count)")
        }
        let name = columns[Int(column)]
        if PQgetisnull(result, row, column) != 0 { return try T.decodeNull(column: name) }
        let bytes = UnsafeRawBufferPointer(start: PQgetvalue(result, row, column), count: Int(PQgetlength(result, row, column)))
        return try T.decode(PostgresCell(column: name, typeOID: PQftype(result, column), bytes: bytes))
    }
}
