// Batched multi-row inserts without pipelining: one statement per chunk of rows, all chunks in
// one transaction so a batch lands whole or not at all.

extension PostgresConnection {
    /// Inserts `rows` (one value per column of `statement`) in chunks of at most
    /// `rowsPerStatement`; returns the affected row count the server reported.
    @discardableResult
    public func insert(_ statement: MultiRowInsert, rows: [[PostgresValue?]], rowsPerStatement: Int = 1000) throws -> Int {
        guard !rows.isEmpty else { return 0 }
        let width = statement.columns.count
        if let bad = rows.firstIndex(where: { $0.count != width }) {
            throw PostgresError(
                kind: .invalidUsage,
                message: "row \(bad) has \(rows[bad].count) values for \(width) columns of \(statement.table)")
        }
        let chunkSize = min(max(rowsPerStatement, 1), statement.maxRowsPerStatement)
        let write = { (connection: PostgresConnection) throws -> Int in
            var affected = 0
            for start in stride(from: 0, to: rows.count, by: chunkSize) {
                let chunk = rows[start..<min(start + chunkSize, rows.count)]
                affected += try connection.execute(statement.sql(rowCount: chunk.count), chunk.flatMap { $0 })
            }
            return affected
        }
        return rows.count <= chunkSize ? try write(self) : try withTransaction(write)
    }
}
