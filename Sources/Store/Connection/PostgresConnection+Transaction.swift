// Transactions and pinned sessions. A transaction is BEGIN ... COMMIT with ROLLBACK when the
// body throws; nested calls become savepoints. While either is open the connection never resets
// behind the caller's back: a lost session surfaces as a retryable connection error instead.
// What to send when is decided by `ConnectionStateMachine`; this file does the sending.

extension PostgresConnection {
    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws. Called inside
    /// another transaction it uses a savepoint, so an inner failure can be caught and survived.
    @discardableResult
    public func withTransaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        if case .createSavepoint(let name) = state.beginTransaction() {
            try execute("SAVEPOINT \(name)")
            state.savepointCreated()
        }
        defer { state.scopeEnded() }
        let value: T
        do {
            value = try body(self)
            if !deferred.isEmpty {
                // The queued writes go out with COMMIT (or ahead of the savepoint's release).
                try flushDeferred(as: state.isOutermostScopeOpen ? .final : .statement)
            }
        } catch {
            deferred.removeAll()
            let connectionLost = (error as? PostgresError)?.kind == .connection
            undo(state.bodyThrew(connectionLost: connectionLost), after: error)
            throw error
        }
        switch state.bodyReturned() {
        case .commit:
            let commit = try query("COMMIT")
            guard commit.commandTag == "COMMIT" else {
                throw PostgresError(
                    kind: .server, sqlState: "25P02",
                    message: "the transaction was rolled back at COMMIT because a statement inside it had failed",
                    statement: "COMMIT")
            }
        case .releaseSavepoint(let name):
            try execute("RELEASE SAVEPOINT \(name)")
        case .nothing, .rollback, .rollbackToSavepoint:
            break
        }
        return value
    }

    /// Runs `body` with automatic reconnects disabled after its first statement, for work that
    /// relies on session state such as advisory locks or temporary tables.
    @discardableResult
    public func withPinnedSession<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        state.pinSession()
        defer { state.unpinSession() }
        return try body(self)
    }

    /// Rolls back as `action` says after `error`; a failing rollback is logged and the original
    /// error wins.
    private func undo(_ action: ConnectionStateMachine.EndAction, after error: any Error) {
        let sql: String
        switch action {
        case .rollback: sql = "ROLLBACK"
        case .rollbackToSavepoint(let name): sql = "ROLLBACK TO SAVEPOINT \(name)"
        case .nothing, .commit, .releaseSavepoint: return
        }
        do {
            try execute(sql)
        } catch let rollbackError {
            logger.warning(
                "postgres rollback failed", metadata: ["statement": "\(sql)", "error": "\(rollbackError)"])
        }
    }
}
