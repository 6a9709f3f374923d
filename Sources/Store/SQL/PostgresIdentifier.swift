// Quoting of SQL identifiers (table, column and schema names) for the few statements that must
// name them in text. Values never go through here: they are always bound parameters.

/// Helpers for SQL identifiers.
public enum PostgresIdentifier {
    /// `name` as a double-quoted identifier, with embedded quotes doubled.
    public static func quoted(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
