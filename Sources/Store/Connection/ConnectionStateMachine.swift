// What a PostgresConnection's session is in (transaction scope, pinned session, the server's own
// transaction report) and every rule that follows from it, as a value with no socket: each
// event returns the action the connection performs (pipeline BEGIN or COMMIT with a statement,
// refuse it, reset and retry after a lost connection, COMMIT, ROLLBACK, savepoints).

/// The state of one connection's session; its mutating methods are the events, and their results
/// the I/O the connection does next.
struct ConnectionStateMachine: Equatable, Sendable {
    /// The `withTransaction` scope the connection is in.
    enum Transaction: Equatable, Sendable {
        /// No scope is open.
        case none
        /// A scope has begun but sent nothing yet: its BEGIN goes out with the first statement.
        case beginPending
        /// BEGIN went out; `savepoints` nested scopes are open inside the transaction.
        case open(savepoints: Int)
        /// `queryAndCommit` sent COMMIT (which committed, or at which the server rolled back); the
        /// outermost scope is still open but has nothing left to send.
        case committed
    }

    /// The `withPinnedSession` scopes the connection is in.
    enum Pin: Equatable, Sendable {
        case none
        /// `depth` nested scopes; `used` once a statement was sent in them (the session may then
        /// hold state, such as an advisory lock, that a reset would lose).
        case pinned(depth: Int, used: Bool)
    }

    /// What a statement is sent as.
    enum Statement: Equatable, Sendable {
        /// An ordinary statement (`query`, `execute`).
        case statement
        /// The final statement of the outermost scope, with COMMIT in the same pipeline (`queryAndCommit`).
        case final
        /// Several statements in one string (`executeScript`): never pipelined.
        case script
    }

    /// What to do with a statement about to be sent.
    enum StatementAction: Equatable, Sendable {
        /// Send it: after BEGIN in one pipeline when `begin`, with COMMIT after it when `commit`.
        /// `mayReset`: when the connection is (found) lost, reset it and send once more, since no
        /// transaction or pinned session state can be lost.
        case send(begin: Bool, commit: Bool, mayReset: Bool)
        /// Send the pending BEGIN on its own first (a script cannot be pipelined), report it with
        /// `statementAnswered(beginSucceeded: true, commitRan: false)`, then ask again.
        case sendBeginFirst
        /// Do not send it; throw the refusal's error.
        case refuse(Refusal)
    }

    /// Why a statement is not sent.
    enum Refusal: Equatable, Sendable {
        /// `queryAndCommit` outside an open outermost `withTransaction` scope.
        case finalStatementOutsideOutermostTransaction
        /// A statement after `queryAndCommit` ended the transaction: it would run outside it.
        case statementAfterCommit
    }

    /// What `withTransaction` does on entry.
    enum BeginAction: Equatable, Sendable {
        /// Nothing yet: BEGIN goes with the first statement.
        case deferBegin
        /// Nested: send `SAVEPOINT name`, then report `savepointCreated()`.
        case createSavepoint(name: String)
    }

    /// What `withTransaction` sends when its body returns or throws; after it (sent or failed),
    /// `scopeEnded()`.
    enum EndAction: Equatable, Sendable {
        /// Nothing to send: no statement went out, COMMIT already went, or the connection is lost.
        case nothing
        case commit
        case rollback
        case releaseSavepoint(name: String)
        case rollbackToSavepoint(name: String)
    }

    private(set) var transaction = Transaction.none
    private(set) var pin = Pin.none
    /// Whether the server reported an open (or failed, or active) transaction after the last statement.
    private(set) var serverInTransaction = false

    /// Whether a transaction is open (a `withTransaction` scope or a manual `BEGIN`).
    var isInTransaction: Bool { transaction != .none || serverInTransaction }

    /// Whether a write may wait for the scope's next statement: inside a scope that has not committed.
    var acceptsDeferredStatements: Bool {
        switch transaction {
        case .beginPending, .open: true
        case .none, .committed: false
        }
    }

    /// Whether the innermost scope is the outermost one and has not committed (its last statement
    /// may go out with COMMIT).
    var isOutermostScopeOpen: Bool {
        transaction == .beginPending || transaction == .open(savepoints: 0)
    }

    // MARK: transaction scopes

    /// `withTransaction` is entered.
    mutating func beginTransaction() -> BeginAction {
        switch transaction {
        case .none:
            transaction = .beginPending
            return .deferBegin
        case .beginPending, .committed:
            return .createSavepoint(name: Self.savepointName(1))
        case .open(let savepoints):
            return .createSavepoint(name: Self.savepointName(savepoints + 1))
        }
    }

    /// The `SAVEPOINT` that `beginTransaction` asked for succeeded (so BEGIN has gone out).
    mutating func savepointCreated() {
        if case .open(let savepoints) = transaction { transaction = .open(savepoints: savepoints + 1) }
    }

    /// The innermost scope's body returned.
    func bodyReturned() -> EndAction {
        switch transaction {
        case .none, .beginPending, .committed: return .nothing
        case .open(savepoints: 0): return .commit
        case .open(let savepoints): return .releaseSavepoint(name: Self.savepointName(savepoints))
        }
    }

    /// The innermost scope's body threw; `connectionLost` when the error was a lost connection
    /// (the server has rolled back already, and nothing can be sent).
    func bodyThrew(connectionLost: Bool) -> EndAction {
        guard !connectionLost else { return .nothing }
        switch transaction {
        case .none, .beginPending, .committed: return .nothing
        case .open(savepoints: 0): return .rollback
        case .open(let savepoints): return .rollbackToSavepoint(name: Self.savepointName(savepoints))
        }
    }

    /// The innermost scope is left (after its `EndAction`, whether that succeeded or not).
    mutating func scopeEnded() {
        switch transaction {
        case .none: break
        case .beginPending, .committed, .open(savepoints: 0): transaction = .none
        case .open(let savepoints): transaction = .open(savepoints: savepoints - 1)
        }
    }

    // MARK: pinned sessions

    /// `withPinnedSession` is entered.
    mutating func pinSession() {
        switch pin {
        case .none: pin = .pinned(depth: 1, used: false)
        case .pinned(let depth, let used): pin = .pinned(depth: depth + 1, used: used)
        }
    }

    /// `withPinnedSession` is left.
    mutating func unpinSession() {
        guard case .pinned(let depth, let used) = pin else { return }
        pin = depth > 1 ? .pinned(depth: depth - 1, used: used) : .none
    }

    // MARK: statements

    /// A statement is about to be sent.
    mutating func statementWillSend(_ statement: Statement) -> StatementAction {
        if statement == .final {
            switch transaction {
            case .beginPending, .open(savepoints: 0): break
            case .none, .committed, .open: return .refuse(.finalStatementOutsideOutermostTransaction)
            }
        }
        if transaction == .committed { return .refuse(.statementAfterCommit) }
        if statement == .script && transaction == .beginPending { return .sendBeginFirst }
        let begin = transaction == .beginPending
        let commit = statement == .final
        let scopeAllowsReset = transaction == .none || (begin && !commit)
        var pinAllowsReset = true
        if case .pinned(let depth, let used) = pin {
            pinAllowsReset = !used
            pin = .pinned(depth: depth, used: true)
        }
        return .send(begin: begin, commit: commit, mayReset: scopeAllowsReset && !serverInTransaction && pinAllowsReset)
    }

    /// Every answer of a pipeline (or of a BEGIN sent alone) arrived: `beginSucceeded` when it held
    /// a BEGIN that succeeded, `commitRan` when it held a COMMIT the server ran (not skipped
    /// because an earlier statement failed).
    mutating func statementAnswered(beginSucceeded: Bool, commitRan: Bool) {
        if commitRan {
            transaction = .committed
        } else if beginSucceeded, transaction == .beginPending {
            transaction = .open(savepoints: 0)
        }
    }

    /// The server's transaction status after a statement: open, failed or active.
    mutating func serverReportedTransaction(_ open: Bool) {
        serverInTransaction = open
    }

    /// The connection was reset: the new session has no transaction. A reset inside a scope is
    /// only allowed while its BEGIN was pending (see `statementWillSend`), so a scope found open
    /// here had its BEGIN answered by the lost session: it is pending again, for the retry.
    mutating func connectionReset() {
        serverInTransaction = false
        if transaction == .open(savepoints: 0) { transaction = .beginPending }
    }

    private static func savepointName(_ level: Int) -> String { "creatorflow_savepoint_\(level)" }
}

extension ConnectionStateMachine.Refusal {
    /// The error `statement` is refused with.
    func error(statement: String) -> PostgresError {
        switch self {
        case .finalStatementOutsideOutermostTransaction:
            PostgresError(
                kind: .invalidUsage, message: "queryAndCommit needs an open outermost withTransaction scope",
                statement: statement)
        case .statementAfterCommit:
            PostgresError(
                kind: .invalidUsage, message: "statement after queryAndCommit ended the transaction",
                statement: statement)
        }
    }
}
