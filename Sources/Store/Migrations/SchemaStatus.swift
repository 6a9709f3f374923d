// How the database's schema compares with the migrations this build ships: what every process
// checks at start, so a process on an unmigrated database refuses with the fix instead of failing
// every statement.

/// The database's applied migrations against this build's.
public enum SchemaStatus: Sendable, Equatable {
    /// Every migration of this build is applied, and no other.
    case current
    /// Migrations of this build are not applied (all of them on a fresh database).
    case behind(missing: [Int])
    /// Every migration of this build is applied, and some newer build applied more. Migrations only
    /// add, so this build can run on it (a rolling deploy's old processes do).
    case ahead(unknown: [Int])
    /// Migrations of this build are missing and the database has others it does not know.
    case diverged(missing: [Int], unknown: [Int])

    /// Compares `applied` (the versions in schema_migrations) with `known` (this build's).
    public init(applied: [Int], known: [Int]) {
        let missing = Set(known).subtracting(applied).sorted()
        let unknown = Set(applied).subtracting(known).sorted()
        switch (missing.isEmpty, unknown.isEmpty) {
        case (true, true): self = .current
        case (false, true): self = .behind(missing: missing)
        case (true, false): self = .ahead(unknown: unknown)
        case (false, false): self = .diverged(missing: missing, unknown: unknown)
        }
    }

    /// Whether a process of this build may run on the database.
    public var isUsable: Bool {
        switch self {
        case .current, .ahead: return true
        case .behind, .diverged: return false
        }
    }

    /// What an operator reads: the state and, when the process cannot run, the fix.
    public var description: String {
        switch self {
        case .current:
            return "the database schema is current"
        case .behind(let missing):
            return "the database schema lacks migration(s) \(Self.list(missing)) of this build: run `creatorflow migrate`"
        case .ahead(let unknown):
            return "the database has migration(s) \(Self.list(unknown)) from a newer build; running on, since every migration of this build is applied and migrations only add"
        case .diverged(let missing, let unknown):
            return "the database lacks migration(s) \(Self.list(missing)) of this build and has \(Self.list(unknown)) it does not know: deploy the newer build, or run `creatorflow migrate` with this one"
        }
    }

    private static func list(_ versions: [Int]) -> String {
        versions.count > 6 ? "\(versions.first!)…\(versions.last!)" : versions.map(String.init).joined(separator: ", ")
    }
}
