// Round trips a transaction does not need (libpq pipeline mode): its BEGIN travels with its first
// statement, and a caller may send its final statement together with COMMIT, so a hot row locked
// by that statement is held for the server's time only, never for a wait on this thread. A
// transaction that sends no statement sends nothing at all.

import CLibPQ

extension PostgresConnection {
    /// Sends the pending `BEGIN` on its own (before a script, which cannot be pipelined).
    func sendPendingBegin() throws {
        _ = try run("BEGIN") { PQexec($0, "BEGIN") }
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

    /// Sends `BEGIN` (when `begin`), the statement (prepared first when `plan` says so) and
    /// `COMMIT` (when `commit`) in one pipeline and returns the statement's result, or the first
    /// failure; `nil` when the connection broke.
    func sendPipelined(
        _ handle: OpaquePointer, begin: Bool, commit: Bool, plan: PreparedStatements.Plan, sql: String,
        types: (list: [Oid], pointer: UnsafePointer<Oid>?), values: UnsafePointer<UnsafePointer<CChar>?>?,
        lengths: UnsafePointer<Int32>?, formats: UnsafePointer<Int32>?
    ) -> OpaquePointer? {
        guard PQenterPipelineMode(handle) == 1 else { return nil }
        defer { PQexitPipelineMode(handle) }
        let count = Int32(types.list.count)
        var sent = !begin || PQsendQueryParams(handle, "BEGIN", 0, nil, nil, nil, nil, 0) == 1
        switch plan {
        case .execute(let name):
            sent = sent && PQsendQueryPrepared(handle, name, count, values, lengths, formats, 0) == 1
        case .prepare(let name):
            sent = sent && PQsendPrepare(handle, name, sql, count, types.pointer) == 1
                && PQsendQueryPrepared(handle, name, count, values, lengths, formats, 0) == 1
        case .unprepared:
            sent = sent && PQsendQueryParams(handle, sql, count, types.pointer, values, lengths, formats, 0) == 1
        }
        sent = sent && (!commit || PQsendQueryParams(handle, "COMMIT", 0, nil, nil, nil, nil, 0) == 1)
        sent = sent && PQpipelineSync(handle) == 1
        let results = sent ? Self.pipelineResults(handle) : []
        let prepareIndex = begin ? 1 : 0
        let statementIndex = prepareIndex + (plan.isPrepare ? 1 : 0)
        guard results.count == statementIndex + 1 + (commit ? 1 : 0) else {
            results.forEach { PQclear($0) }
            return nil
        }
        if case .prepare(let name) = plan, PQresultStatus(results[prepareIndex]) == PGRES_COMMAND_OK {
            prepared.remember(name, sql: sql, types: types.list)
        }
        state.statementAnswered(
            beginSucceeded: begin && PQresultStatus(results[0]) == PGRES_COMMAND_OK,
            commitRan: commit && PQresultStatus(results[results.count - 1]) != PGRES_PIPELINE_ABORTED)
        let answer = results.first { !Self.succeeded($0) } ?? results[statementIndex]
        for result in results where result != answer { PQclear(result) }
        return answer
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

    private static func succeeded(_ result: OpaquePointer) -> Bool {
        let status = PQresultStatus(result)
        return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY
    }
}

extension PreparedStatements.Plan {
    var isPrepare: Bool {
        if case .prepare = self { return true }
        return false
    }
}
