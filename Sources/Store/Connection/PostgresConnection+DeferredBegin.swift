// A transaction's BEGIN travels with its first statement (libpq pipeline mode): one round trip
// per transaction less, which under load is one wait for the server and one for this thread less.
// A transaction that sends no statement sends nothing at all.

import CLibPQ

extension PostgresConnection {
    /// Sends the pending `BEGIN` on its own (before a script, which cannot be pipelined).
    func sendPendingBegin() throws {
        _ = try run("BEGIN") { PQexec($0, "BEGIN") }
        beginPending = false
    }

    /// Sends `BEGIN` and the statement (prepared first when `plan` says so) in one pipeline and
    /// returns the statement's result, or the first failure; `nil` when the connection broke.
    func beginAndSend(
        _ handle: OpaquePointer, plan: PreparedStatements.Plan, sql: String,
        types: (list: [Oid], pointer: UnsafePointer<Oid>?), values: UnsafePointer<UnsafePointer<CChar>?>?,
        lengths: UnsafePointer<Int32>?, formats: UnsafePointer<Int32>?
    ) -> OpaquePointer? {
        guard PQenterPipelineMode(handle) == 1 else { return nil }
        defer { PQexitPipelineMode(handle) }
        let count = Int32(types.list.count)
        var sent = PQsendQueryParams(handle, "BEGIN", 0, nil, nil, nil, nil, 0) == 1
        switch plan {
        case .execute(let name):
            sent = sent && PQsendQueryPrepared(handle, name, count, values, lengths, formats, 0) == 1
        case .prepare(let name):
            sent = sent && PQsendPrepare(handle, name, sql, count, types.pointer) == 1
                && PQsendQueryPrepared(handle, name, count, values, lengths, formats, 0) == 1
        case .unprepared:
            sent = sent && PQsendQueryParams(handle, sql, count, types.pointer, values, lengths, formats, 0) == 1
        }
        sent = sent && PQpipelineSync(handle) == 1
        let results = sent ? Self.pipelineResults(handle) : []
        guard let begin = results.first, results.count == (plan.isPrepare ? 3 : 2) else {
            results.forEach { PQclear($0) }
            return nil
        }
        if PQresultStatus(begin) == PGRES_COMMAND_OK { beginPending = false }
        if case .prepare(let name) = plan, PQresultStatus(results[1]) == PGRES_COMMAND_OK {
            prepared.remember(name, sql: sql, types: types.list)
        }
        let answer = results.first { !Self.succeeded($0) } ?? results[results.count - 1]
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
