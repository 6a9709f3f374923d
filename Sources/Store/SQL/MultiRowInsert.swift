// The text of a multi-row INSERT with generated placeholders:
// INSERT INTO "t" ("a", "b") VALUES ($1, $2), ($3, $4) <suffix>. Still fully parameterized.

/// A multi-row INSERT into one table; `suffix` holds e.g. an `ON CONFLICT` clause.
public struct MultiRowInsert: Sendable {
    /// The unqualified table name (resolved through the connection's search path).
    public let table: String
    /// The columns every row supplies, in order.
    public let columns: [String]
    /// SQL appended after the VALUES list, such as `ON CONFLICT (id) DO NOTHING`.
    public let suffix: String

    public init(into table: String, columns: [String], suffix: String = "") {
        precondition(!columns.isEmpty, "an INSERT needs at least one column")
        self.table = table
        self.columns = columns
        self.suffix = suffix
    }

    /// The most rows one statement can carry within the protocol's parameter limit.
    public var maxRowsPerStatement: Int { ParameterBuffer.maxCount / columns.count }

    /// The statement for `rowCount` rows.
    public func sql(rowCount: Int) -> String {
        precondition(rowCount > 0, "an INSERT needs at least one row")
        var text = "INSERT INTO \(PostgresIdentifier.quoted(table)) ("
        text += columns.map(PostgresIdentifier.quoted).joined(separator: ", ")
        text += ") VALUES "
        text.reserveCapacity(text.utf8.count + rowCount * columns.count * 8 + suffix.utf8.count)
        var placeholder = 1
        for row in 0..<rowCount {
            text += row == 0 ? "(" : ", ("
            for column in 0..<columns.count {
                if column > 0 { text += ", " }
                text += "$\(placeholder)"
                placeholder += 1
            }
            text += ")"
        }
        if !suffix.isEmpty { text += " " + suffix }
        return text
    }
}
