// A fleet-wide lock expired while its holder was still working: the holder stops, since another
// process may already be doing the same work.

/// This process no longer holds the fleet-wide lock `role`.
public struct LockLost: Error, Sendable, CustomStringConvertible {
    public var role: String
    public var description: String { "the \(role) lock expired during its work; another process may hold it now" }
}
