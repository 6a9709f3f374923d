// A PostgreSQL session-level advisory lock named by text: held across an outbound call (which a
// transaction must not span), released on return or when the session dies with its process.

/// Serializes one step per name (a SKU's reorder, a SKU's stock push) across every worker.
public struct SessionLock {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Runs `body` holding the lock `name`, waiting for it when `wait`; without `wait` returns nil
    /// (and runs nothing) when another session holds it. Reconnects are off meanwhile, so a lost
    /// session surfaces as an error instead of silently dropping the lock.
    public func withLock<T>(_ name: String, wait: Bool, _ body: () throws -> T) throws -> T? {
        try connection.withPinnedSession { connection in
            let key: PostgresValue = .string(name)
            if wait {
                try connection.execute("SELECT pg_advisory_lock(hashtextextended($1, 0))", [key])
            } else {
                let taken = try connection.query("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS taken", [key])
                guard try taken.first?["taken", as: Bool.self] == true else { return nil }
            }
            let value: T
            do {
                value = try body()
            } catch {
                _ = try? connection.execute("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key])
                throw error
            }
            try connection.execute("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key])
            return value
        }
    }
}
