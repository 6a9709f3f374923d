// One versioned schema change, kept as a Swift string constant next to its siblings in
// Migrations/NNNN_name.swift and listed in `Migration.all`.

/// A numbered schema change; its SQL runs in one transaction and is recorded in `schema_migrations`.
public struct Migration: Sendable, Equatable {
    /// The position in the migration order; never reused or renumbered once shipped.
    public let version: Int
    /// A short snake_case label, stored alongside the version.
    public let name: String
    /// The statements to run, with unqualified names (they land in the connection's search path).
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}
