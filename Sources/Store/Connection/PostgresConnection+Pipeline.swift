// Round trips a transaction does not need (libpq pipeline mode): its BEGIN travels with its first
// statement, writes whose answer nobody reads wait for the next statement (`executeLater`), several
// reads go out together (`fetch`), and a transaction's last statement can go out with COMMIT, so a
// hot row locked by it is held for the server's time only, never for a wait on this thread. A
// transaction that sends no statement sends nothing at all.

import CLibPQ

/// One statement of a pipeline, with its parameters.
struct PipelinedStatement {
    let sql: String
    let parameters: [PostgresValue?]
}

/// What one round trip answered.
enum PipelineAnswer {
    /// Every statement's result, in order.
    case results([OpaquePointer])
    /// The first failure and the statement it answers; nothing after it ran.
    case failed(OpaquePointer, statement: String)
    /// The connection broke before every answer arrived.
    case broken
}

extension PostgresConnection {
    /// Sends the pending `BEGIN` on its own (before a script, which cannot be pipelined).
    func sendPendingBegin() throws {
        _ = try run("BEGIN") { PipelineAnswer(PQexec($0, "BEGIN"), statement: "BEGIN") }
        state.statementAnswered(beginSucceeded: true, commitRan: false)
    }

    /// Runs `sql` as the final statement of the current `withTransaction` scope and commits the
    /// transaction in the same round trip; the scope then has nothing left to commit, and a
    /// further statement in it is refused. When the statement fails, nothing is committed and the
    /// scope rolls back as usual; when COMMIT fails, the server has already rolled back.
    @discardableResult
    public func queryAndCommit(_ sql: String, _ parameters: [PostgresValue?] = []) throws -> PostgresRows {
        try send(sql, parameters, as: .final)
    }

    /// ``queryAndCommit(_:_:)``, with `reads` sent after COMMIT in the same round trip: they run
    /// once the transaction has committed, outside it, and answer only when it did (a failing
    /// statement or COMMIT skips them, and throws as usual). A failing read throws too, although
    /// the transaction committed.
    public func queryAndCommit<Result>(
        _ sql: String, _ parameters: [PostgresValue?] = [], thenFetch reads: PostgresQuery<Result>
    ) throws -> (PostgresRows, Result) {
        let answers = try sendAll(
            [PipelinedStatement(sql: sql, parameters: parameters)], as: .final, then: reads.statements)
        return (answers[0], try reads.decode(Array(answers.dropFirst())))
    }

    /// Inside a `withTransaction` scope, queues a write whose answer is not needed: it goes out in
    /// the same round trip as the scope's next statement (or its COMMIT), and a failure surfaces
    /// there, naming this statement. Outside a scope it runs at once.
    public func executeLater(_ sql: String, _ parameters: [PostgresValue?] = []) throws {
        guard state.acceptsDeferredStatements else {
            try execute(sql, parameters)
            return
        }
        deferred.append(PipelinedStatement(sql: sql, parameters: parameters))
    }

    /// Runs the query's statements in one round trip (with any queued writes before them) and
    /// decodes the answer.
    public func fetch<Result>(_ query: PostgresQuery<Result>) throws -> Result {
        if query.statements.isEmpty { return try query.decode([]) }
        return try query.decode(try sendAll(query.statements, as: .statement))
    }

    /// Runs both queries in one round trip.
    public func fetch<A, B>(_ a: PostgresQuery<A>, _ b: PostgresQuery<B>) throws -> (A, B) {
        try fetch(a.and(b))
    }

    /// Sends the queued writes now (before a script, a savepoint's release, or COMMIT).
    func flushDeferred(as statement: ConnectionStateMachine.Statement = .statement) throws {
        guard let last = deferred.popLast() else { return }
        _ = try send(last.sql, last.parameters, as: statement)
    }

    /// Sends `BEGIN` (when `begin`), the statements (each prepared first when the session has not
    /// yet), `COMMIT` (when `commit`) and then `afterCommit` in one pipeline; answers every
    /// statement's result (`afterCommit`'s last, sent only with COMMIT) or the first failure.
    func sendPipelined(
        _ handle: OpaquePointer, begin: Bool, commit: Bool, statements: [PipelinedStatement],
        afterCommit: [PipelinedStatement] = []
    ) throws -> PipelineAnswer {
        guard PQenterPipelineMode(handle) == 1 else { return .broken }
        defer { PQexitPipelineMode(handle) }
        var sent = !begin || PQsendQueryParams(handle, "BEGIN", 0, nil, nil, nil, nil, 0) == 1
        var plans: [(plan: PreparedStatements.Plan, types: [Oid])] = []
        var usageError: (any Error)?
        func sendEach(_ list: [PipelinedStatement]) {
            for statement in list where sent && usageError == nil {
                do {
                    sent = try sendOne(handle, statement, plans: &plans)
                } catch {
                    usageError = error
                }
            }
        }
        sendEach(statements)
        sent = sent && usageError == nil && (!commit || PQsendQueryParams(handle, "COMMIT", 0, nil, nil, nil, nil, 0) == 1)
        let sentCommit = sent && commit
        if sentCommit { sendEach(afterCommit) }
        let results = PQpipelineSync(handle) == 1 ? Self.pipelineResults(handle) : []
        let all = statements + (sentCommit ? afterCommit : [])
        var labels: [String] = begin ? ["BEGIN"] : []
        var commitIndex: Int?
        for (position, (statement, plan)) in zip(all, plans).enumerated() {
            if position == statements.count {
                commitIndex = labels.count
                labels.append("COMMIT")
            }
            if plan.plan.isPrepare { labels.append(statement.sql) }
            labels.append(statement.sql)
        }
        if sentCommit && commitIndex == nil {
            commitIndex = labels.count
            labels.append("COMMIT")
        }
        state.statementAnswered(
            beginSucceeded: begin && results.first.map { PQresultStatus($0) == PGRES_COMMAND_OK } == true,
            commitRan: commitIndex.map { results.count > $0 && PQresultStatus(results[$0]) != PGRES_PIPELINE_ABORTED }
                ?? false)
        guard results.count == labels.count, usageError == nil else {
            results.forEach { PQclear($0) }
            if let usageError { throw usageError }
            return .broken
        }
        var index = begin ? 1 : 0
        var answers: [OpaquePointer] = []
        for (position, (statement, plan)) in zip(all, plans).enumerated() {
            if position == statements.count { index += 1 }
            if case .prepare(let name) = plan.plan {
                if PQresultStatus(results[index]) == PGRES_COMMAND_OK {
                    prepared.remember(name, sql: statement.sql, types: plan.types)
                }
                index += 1
            }
            answers.append(results[index])
            index += 1
        }
        if let failure = results.indices.first(where: { !Self.succeeded(results[$0]) }) {
            for (position, result) in results.enumerated() where position != failure { PQclear(result) }
            return .failed(results[failure], statement: labels[failure])
        }
        for result in results where !answers.contains(result) { PQclear(result) }
        return .results(answers)
    }

    /// Queues one statement in the pipeline (prepared first when the session has not yet) and
    /// appends its plan; whether libpq took it.
    private func sendOne(
        _ handle: OpaquePointer, _ statement: PipelinedStatement,
        plans: inout [(plan: PreparedStatements.Plan, types: [Oid])]
    ) throws -> Bool {
        try ParameterBuffer.withArrays(statement.parameters, statement: statement.sql) {
            count, types, values, lengths, formats in
            let typeList = Array(UnsafeBufferPointer(start: types, count: types == nil ? 0 : Int(count)))
            let plan = prepared.lookup(sql: statement.sql, types: typeList)
            plans.append((plan, typeList))
            switch plan {
            case .execute(let name):
                return PQsendQueryPrepared(handle, name, count, values, lengths, formats, 0) == 1
            case .prepare(let name):
                return PQsendPrepare(handle, name, statement.sql, count, types) == 1
                    && PQsendQueryPrepared(handle, name, count, values, lengths, formats, 0) == 1
            case .unprepared:
                return PQsendQueryParams(handle, statement.sql, count, types, values, lengths, formats, 0) == 1
            }
        }
    }

    /// Every result up to the pipeline's sync point, in order; fewer when the connection breaks.
    private static func pipelineResults(_ handle: OpaquePointer) -> [OpaquePointer] {
        var results: [OpaquePointer] = []
        while true {
            guard let result = PQgetResult(handle) else {
                if PQstatus(handle) != CONNECTION_OK { return results }
                continue
            }
            if PQresultStatus(result) == PGRES_PIPELINE_SYNC {
                PQclear(result)
                return results
            }
            results.append(result)
        }
    }

    static func succeeded(_ result: OpaquePointer) -> Bool {
        let status = PQresultStatus(result)
        return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY
    }
}

extension PipelineAnswer {
    /// The answer to one statement sent on its own (`nil`: the connection broke).
    init(_ result: OpaquePointer?, statement: String) {
        guard let result else {
            self = .broken
            return
        }
        self = PostgresConnection.succeeded(result) ? .results([result]) : .failed(result, statement: statement)
    }
}

extension PreparedStatements.Plan {
    var isPrepare: Bool {
        if case .prepare = self { return true }
        return false
    }
}
