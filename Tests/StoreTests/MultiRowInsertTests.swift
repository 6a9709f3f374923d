// The multi-row INSERT builder generates numbered placeholders (never values), quotes
// identifiers, and the insert helper splits large batches into statements.

import TestSupport
import Store
import Testing

@Suite struct MultiRowInsertTests {
    @Test func generatesPlaceholdersRowByRow() {
        let insert = MultiRowInsert(into: "items", columns: ["a", "b"], suffix: "ON CONFLICT DO NOTHING")
        #expect(
            insert.sql(rowCount: 3)
                == #"INSERT INTO "items" ("a", "b") VALUES ($1, $2), ($3, $4), ($5, $6) ON CONFLICT DO NOTHING"#)
        #expect(insert.maxRowsPerStatement == 32_767)
    }

    @Test func quotesIdentifiers() {
        #expect(PostgresIdentifier.quoted(#"odd"name"#) == #""odd""name""#)
    }

    @Test func insertsInChunks() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.connect()
            try connection.execute("CREATE TABLE items (n int PRIMARY KEY, label text)")
            let insert = MultiRowInsert(into: "items", columns: ["n", "label"])
            let rows: [[PostgresValue?]] = (1...7).map { [.int($0), $0.isMultiple(of: 2) ? nil : .string("odd \($0)")] }
            #expect(try connection.insert(insert, rows: rows, rowsPerStatement: 3) == 7)
            let labels = try connection.query("SELECT label FROM items ORDER BY n").map { try $0["label", as: String?.self] }
            #expect(labels == ["odd 1", nil, "odd 3", nil, "odd 5", nil, "odd 7"])
            let error = #expect(throws: PostgresError.self) { try connection.insert(insert, rows: [[.int(8)]]) }
            #expect(error?.kind == .invalidUsage)
        }
    }
}
