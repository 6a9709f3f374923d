// The named server-side statements one session has prepared, by SQL text and parameter types:
// a statement the fleet runs thousands of times is parsed and planned once per connection.

import CLibPQ

/// One session's prepared statements (cleared when the session is reset).
struct PreparedStatements {
    /// Statements beyond this many per session run unprepared, so SQL built per call (multi-row
    /// inserts of varying size) cannot grow a backend's memory without bound.
    static let capacity = 256

    /// How `lookup` says to run a statement.
    enum Plan {
        case execute(name: String)
        case prepare(name: String)
        case unprepared
    }

    private struct Key: Hashable {
        let sql: String
        let types: [Oid]
    }

    private var names: [Key: String] = [:]
    private var issued = 0

    /// The prepared statement for `sql` with parameter `types`, or the name to prepare it under.
    mutating func lookup(sql: String, types: [Oid]) -> Plan {
        if let name = names[Key(sql: sql, types: types)] { return .execute(name: name) }
        guard names.count < Self.capacity else { return .unprepared }
        issued += 1
        return .prepare(name: "cf_\(issued)")
    }

    /// Records that `name` now holds `sql` with `types` in the session.
    mutating func remember(_ name: String, sql: String, types: [Oid]) {
        names[Key(sql: sql, types: types)] = name
    }

    /// Forgets every statement (the session they lived in is gone).
    mutating func removeAll() {
        names.removeAll()
    }
}
