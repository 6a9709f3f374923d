// The connection's rules without a socket: each test drives ConnectionStateMachine through the
// events a PostgresConnection reports and checks the actions it is told to take.

@testable import Store
import Testing

@Suite struct ConnectionStateMachineTests {
    private typealias Machine = ConnectionStateMachine

    /// A machine inside an outermost scope whose BEGIN went out with its first statement.
    private func openTransaction() -> Machine {
        var machine = Machine()
        #expect(machine.beginTransaction() == .deferBegin)
        #expect(machine.statementWillSend(.statement) == .send(begin: true, commit: false, mayReset: true))
        machine.statementAnswered(beginSucceeded: true, commitRan: false)
        machine.serverReportedTransaction(true)
        return machine
    }

    @Test func outsideATransactionAStatementIsSentAloneAndMayReset() {
        var machine = Machine()
        #expect(machine.statementWillSend(.statement) == .send(begin: false, commit: false, mayReset: true))
        #expect(machine.statementWillSend(.script) == .send(begin: false, commit: false, mayReset: true))
        #expect(!machine.isInTransaction)
    }

    @Test func beginIsPipelinedWithTheFirstStatementOnly() {
        var machine = Machine()
        #expect(machine.beginTransaction() == .deferBegin)
        #expect(machine.isInTransaction)
        #expect(machine.statementWillSend(.statement) == .send(begin: true, commit: false, mayReset: true))
        machine.statementAnswered(beginSucceeded: true, commitRan: false)
        machine.serverReportedTransaction(true)
        #expect(machine.transaction == .open(savepoints: 0))
        #expect(machine.statementWillSend(.statement) == .send(begin: false, commit: false, mayReset: false))
        #expect(machine.bodyReturned() == .commit)
        #expect(machine.statementWillSend(.statement) == .send(begin: false, commit: false, mayReset: false))
        machine.serverReportedTransaction(false)
        machine.scopeEnded()
        #expect(machine.transaction == .none)
        #expect(!machine.isInTransaction)
    }

    @Test func aFailedBeginStaysPendingAndIsSentAgain() {
        var machine = Machine()
        _ = machine.beginTransaction()
        #expect(machine.statementWillSend(.statement) == .send(begin: true, commit: false, mayReset: true))
        machine.statementAnswered(beginSucceeded: false, commitRan: false)
        #expect(machine.transaction == .beginPending)
        #expect(machine.statementWillSend(.statement) == .send(begin: true, commit: false, mayReset: true))
    }

    @Test func anEmptyTransactionSendsNothing() {
        var machine = Machine()
        #expect(machine.beginTransaction() == .deferBegin)
        #expect(machine.bodyReturned() == .nothing)
        machine.scopeEnded()
        #expect(machine == Machine())

        #expect(machine.beginTransaction() == .deferBegin)
        #expect(machine.bodyThrew(connectionLost: false) == .nothing)
        machine.scopeEnded()
        #expect(machine == Machine())
    }

    @Test func aScriptSendsAPendingBeginOnItsOwnFirst() {
        var machine = Machine()
        _ = machine.beginTransaction()
        #expect(machine.statementWillSend(.script) == .sendBeginFirst)
        machine.statementAnswered(beginSucceeded: true, commitRan: false)
        #expect(machine.statementWillSend(.script) == .send(begin: false, commit: false, mayReset: false))
        #expect(machine.bodyThrew(connectionLost: false) == .rollback)
    }

    @Test func queryAndCommitPipelinesCommitAndRefusesWhatFollows() {
        var machine = openTransaction()
        #expect(machine.statementWillSend(.final) == .send(begin: false, commit: true, mayReset: false))
        machine.statementAnswered(beginSucceeded: false, commitRan: true)
        machine.serverReportedTransaction(false)
        #expect(machine.transaction == .committed)
        #expect(machine.statementWillSend(.statement) == .refuse(.statementAfterCommit))
        #expect(machine.statementWillSend(.script) == .refuse(.statementAfterCommit))
        #expect(machine.statementWillSend(.final) == .refuse(.finalStatementOutsideOutermostTransaction))
        #expect(machine.bodyReturned() == .nothing)
        #expect(machine.bodyThrew(connectionLost: false) == .nothing)
        machine.scopeEnded()
        #expect(machine.statementWillSend(.statement) == .send(begin: false, commit: false, mayReset: true))
    }

    @Test func aTransactionsOnlyStatementGoesWithBeginAndCommitAndNeverResets() {
        var machine = Machine()
        _ = machine.beginTransaction()
        #expect(machine.statementWillSend(.final) == .send(begin: true, commit: true, mayReset: false))
        machine.statementAnswered(beginSucceeded: true, commitRan: true)
        #expect(machine.transaction == .committed)
        #expect(machine.bodyReturned() == .nothing)
    }

    @Test func aFailedFinalStatementSkipsCommitAndRollsBack() {
        var machine = openTransaction()
        #expect(machine.statementWillSend(.final) == .send(begin: false, commit: true, mayReset: false))
        machine.statementAnswered(beginSucceeded: false, commitRan: false)
        #expect(machine.transaction == .open(savepoints: 0))
        #expect(machine.bodyThrew(connectionLost: false) == .rollback)
    }

    @Test func queryAndCommitNeedsAnOutermostScope() {
        var outside = Machine()
        #expect(outside.statementWillSend(.final) == .refuse(.finalStatementOutsideOutermostTransaction))

        var nested = openTransaction()
        #expect(nested.beginTransaction() == .createSavepoint(name: "creatorflow_savepoint_1"))
        nested.savepointCreated()
        #expect(nested.statementWillSend(.final) == .refuse(.finalStatementOutsideOutermostTransaction))
    }

    @Test func refusalsCarryTheirStatement() {
        let error = Machine.Refusal.statementAfterCommit.error(statement: "SELECT 1")
        #expect(error.kind == .invalidUsage)
        #expect(error.statement == "SELECT 1")
        #expect(error.message == "statement after queryAndCommit ended the transaction")
        let final = Machine.Refusal.finalStatementOutsideOutermostTransaction.error(statement: "SELECT 2")
        #expect(final.kind == .invalidUsage)
        #expect(final.message == "queryAndCommit needs an open outermost withTransaction scope")
    }

    @Test func aFailedStatementRollsBackOnlyWhenBeginWentOutAndTheConnectionLives() {
        var machine = openTransaction()
        #expect(machine.bodyThrew(connectionLost: false) == .rollback)
        #expect(machine.bodyThrew(connectionLost: true) == .nothing)

        var unsent = Machine()
        _ = unsent.beginTransaction()
        #expect(unsent.bodyThrew(connectionLost: false) == .nothing, "BEGIN never went out")
        _ = unsent.statementWillSend(.statement)
        unsent.statementAnswered(beginSucceeded: false, commitRan: false)
        #expect(unsent.bodyThrew(connectionLost: false) == .nothing, "BEGIN itself failed")
    }

    @Test func nestedScopesAreNamedSavepoints() {
        var machine = openTransaction()
        #expect(machine.beginTransaction() == .createSavepoint(name: "creatorflow_savepoint_1"))
        #expect(machine.statementWillSend(.statement) == .send(begin: false, commit: false, mayReset: false))
        machine.savepointCreated()
        #expect(machine.beginTransaction() == .createSavepoint(name: "creatorflow_savepoint_2"))
        machine.savepointCreated()
        #expect(machine.transaction == .open(savepoints: 2))

        #expect(machine.bodyThrew(connectionLost: false) == .rollbackToSavepoint(name: "creatorflow_savepoint_2"))
        #expect(machine.bodyThrew(connectionLost: true) == .nothing)
        machine.scopeEnded()
        #expect(machine.bodyReturned() == .releaseSavepoint(name: "creatorflow_savepoint_1"))
        machine.scopeEnded()
        #expect(machine.transaction == .open(savepoints: 0))
        #expect(machine.bodyReturned() == .commit)
        machine.scopeEnded()
        #expect(machine.transaction == .none)
    }

    @Test func aSavepointBeforeBeginGoesWithIt() {
        var machine = Machine()
        _ = machine.beginTransaction()
        #expect(machine.beginTransaction() == .createSavepoint(name: "creatorflow_savepoint_1"))
        #expect(machine.statementWillSend(.statement) == .send(begin: true, commit: false, mayReset: true))
        machine.statementAnswered(beginSucceeded: true, commitRan: false)
        machine.savepointCreated()
        #expect(machine.transaction == .open(savepoints: 1))
        #expect(machine.bodyReturned() == .releaseSavepoint(name: "creatorflow_savepoint_1"))
    }

    @Test func aSavepointAfterQueryAndCommitIsRefused() {
        var machine = openTransaction()
        _ = machine.statementWillSend(.final)
        machine.statementAnswered(beginSucceeded: false, commitRan: true)
        #expect(machine.beginTransaction() == .createSavepoint(name: "creatorflow_savepoint_1"))
        #expect(machine.statementWillSend(.statement) == .refuse(.statementAfterCommit))
        #expect(machine.transaction == .committed)
    }

    @Test func aPinnedSessionMayResetOnlyBeforeItsFirstStatement() {
        var machine = Machine()
        machine.pinSession()
        #expect(machine.statementWillSend(.statement) == .send(begin: false, commit: false, mayReset: true))
        #expect(machine.statementWillSend(.statement) == .send(begin: false, commit: false, mayReset: false))
        machine.pinSession()
        #expect(machine.statementWillSend(.statement) == .send(begin: false, commit: false, mayReset: false),
                "a nested pin keeps the outer pin's state")
        machine.unpinSession()
        #expect(machine.pin == .pinned(depth: 1, used: true))
        machine.unpinSession()
        #expect(machine.pin == .none)
        #expect(machine.statementWillSend(.statement) == .send(begin: false, commit: false, mayReset: true))

        machine.pinSession()
        #expect(machine.pin == .pinned(depth: 1, used: false), "a new pinned session starts unused")
    }

    @Test func aRefusedStatementDoesNotUseThePinnedSession() {
        var machine = Machine()
        machine.pinSession()
        #expect(machine.statementWillSend(.final) == .refuse(.finalStatementOutsideOutermostTransaction))
        #expect(machine.pin == .pinned(depth: 1, used: false))
    }

    @Test func aPendingBeginMayResetUnlessCommitGoesWithIt() {
        var machine = Machine()
        _ = machine.beginTransaction()
        #expect(machine.statementWillSend(.statement) == .send(begin: true, commit: false, mayReset: true))
        var final = Machine()
        _ = final.beginTransaction()
        #expect(final.statementWillSend(.final) == .send(begin: true, commit: true, mayReset: false))
    }

    @Test func aResetAfterTheLostSessionAnsweredBeginMakesItPendingAgain() {
        var machine = Machine()
        _ = machine.beginTransaction()
        #expect(machine.statementWillSend(.statement) == .send(begin: true, commit: false, mayReset: true))
        machine.statementAnswered(beginSucceeded: true, commitRan: false)
        machine.connectionReset()
        #expect(machine.transaction == .beginPending, "the new session has no transaction")
        #expect(machine.statementWillSend(.statement) == .send(begin: true, commit: false, mayReset: true))
    }

    @Test func aPendingBeginInAUsedPinnedSessionMayNotReset() {
        var machine = Machine()
        machine.pinSession()
        _ = machine.statementWillSend(.statement)
        _ = machine.beginTransaction()
        #expect(machine.statementWillSend(.statement) == .send(begin: true, commit: false, mayReset: false))
    }

    @Test func theServersTransactionBlocksAResetUntilTheConnectionIsReset() {
        var machine = Machine()
        machine.serverReportedTransaction(true)
        #expect(machine.isInTransaction, "a manual BEGIN")
        #expect(machine.statementWillSend(.statement) == .send(begin: false, commit: false, mayReset: false))
        machine.connectionReset()
        #expect(!machine.isInTransaction)
        #expect(machine.statementWillSend(.statement) == .send(begin: false, commit: false, mayReset: true))

        _ = machine.beginTransaction()
        machine.serverReportedTransaction(true)
        #expect(machine.statementWillSend(.statement) == .send(begin: true, commit: false, mayReset: false))
    }
}
