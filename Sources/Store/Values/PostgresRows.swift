// The rows of one statement's result. It owns the libpq result (freed on deinit) and decodes
// cells lazily, so reading a result copies nothing the caller does not ask for.

import CLibPQ
import Foundation

/// A statement's result: its rows, column names and command tag. Not Sendable: decode the values
/// you need before handing them to another thread.
public final class PostgresRows: RandomAccessCollection {
    private let result: OpaquePointer
    /// The result's column names, in order.
    public var columns: [String] { (0..<PQnfields(result)).map(name(of:)) }
    /// The command tag, e.g. `INSERT 0 3` or `COMMIT` (`ROLLBACK` when a COMMIT failed).
    public var commandTag: String { String(cString: PQcmdStatus(result)) }
    /// Rows inserted, updated, deleted or returned, as the server reported them.
    public var affectedRows: Int { Int(String(cString: PQcmdTuples(result))) ?? 0 }

    init(taking result: OpaquePointer) {
        self.result = result
    }

    deinit { PQclear(result) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { Int(PQntuples(result)) }

    public subscript(position: Int) -> PostgresRow {
        precondition(indices.contains(position), "row \(position) is out of range 0..<\(count)")
        return PostgresRow(rows: self, index: Int32(position))
    }

    /// The index of column `name` (the first, when several share it), found by comparing the
    /// result's own C strings: no dictionary is built per result.
    func column(named name: String) throws -> Int32 {
        let count = PQnfields(result)
        let found = name.withCString { wanted in (0..<count).first { strcmp(PQfname(result, $0), wanted) == 0 } }
        guard let index = found else {
            throw PostgresError(kind: .invalidUsage, message: "the result has no column \"\(name)\" (it has \(columns))")
        }
        return index
    }

    private func name(of column: Int32) -> String { String(cString: PQfname(result, column)) }

    func decode<T: PostgresDecodable>(_ type: T.Type, row: Int32, column: Int32) throws -> T {
        guard column >= 0, column < PQnfields(result) else {
            throw PostgresError(kind: .invalidUsage, message: "column index \(column) is out of range 0..<\(PQnfields(result))")
        }
        let name = name(of: column)
        if PQgetisnull(result, row, column) != 0 { return try T.decodeNull(column: name) }
        let bytes = UnsafeRawBufferPointer(start: PQgetvalue(result, row, column), count: Int(PQgetlength(result, row, column)))
        return try T.decode(PostgresCell(column: name, typeOID: PQftype(result, column), bytes: bytes))
    }
}
