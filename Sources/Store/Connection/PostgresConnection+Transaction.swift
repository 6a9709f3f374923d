// Transactions and pinned sessions. A transaction is BEGIN ... COMMIT with ROLLBACK when the
// body throws; nested calls become savepoints. While either is open the connection never resets
// behind the caller's back: a lost session surfaces as a retryable connection error instead.

extension PostgresConnection {
    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws. Called inside
    /// another transaction it uses a savepoint, so an inner failure can be caught and survived.
    @discardableResult
    public func withTransaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        if transactionDepth > 0 { return try withSavepoint(body) }
        beginPending = true
        committed = false
        transactionDepth += 1
        defer {
            transactionDepth -= 1
            beginPending = false
            committed = false
        }
        let value: T
        do {
            value = try body(self)
        } catch {
            if !beginPending && !committed { undo("ROLLBACK", after: error) }
            throw error
        }
        if beginPending || committed { return value }
        let commit = try query("COMMIT")
        guard commit.commandTag == "COMMIT" else {
            throw PostgresError(
                kind: .server, sqlState: "25P02",
                message: "the transaction was rolled back at COMMIT because a statement inside it had failed",
                statement: "COMMIT")
        }
        return value
    }

    /// Runs `body` with automatic reconnects disabled after its first statement, for work that
    /// relies on session state such as advisory locks or temporary tables.
    @discardableResult
    public func withPinnedSession<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        if pinDepth == 0 { pinnedSessionUsed = false }
        pinDepth += 1
        defer { pinDepth -= 1 }
        return try body(self)
    }

    private func withSavepoint<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let name = "creatorflow_savepoint_\(transactionDepth)"
        try execute("SAVEPOINT \(name)")
        transactionDepth += 1
        defer { transactionDepth -= 1 }
        let value: T
        do {
            value = try body(self)
        } catch {
            undo("ROLLBACK TO SAVEPOINT \(name)", after: error)
            throw error
        }
        try execute("RELEASE SAVEPOINT \(name)")
        return value
    }

    /// Rolls back after `error`; a failing rollback is logged and the original error wins.
    private func undo(_ sql: String, after error: any Error) {
        if let failure = error as? PostgresError, failure.kind == .connection { return }
        do {
            try execute(sql)
        } catch let rollbackError {
            logger.warning(
                "postgres rollback failed", metadata: ["statement": "\(sql)", "error": "\(rollbackError)"])
        }
    }
}
