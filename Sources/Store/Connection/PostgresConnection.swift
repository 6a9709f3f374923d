// One blocking libpq connection with a single owner thread (deliberately not Sendable); run it on
// a thread of its own, never on Swift's cooperative pool. Every statement is parameterized, and
// prepared on the server the first time the session runs it. When the server drops the session,
// the next statement resets the connection and is retried once, unless that would silently lose
// an open transaction or a pinned session's state.

import CLibPQ
import Foundation
import Logging

/// A synchronous PostgreSQL connection for one thread.
public final class PostgresConnection {
    /// The settings this connection was opened with.
    public let configuration: PostgresConfiguration
    let logger: Logger
    let handle: OpaquePointer
    private let noticeSink: NoticeSink

    /// Transaction scope, pinned session and the server's transaction report, and the rules on them.
    var state = ConnectionStateMachine()
    /// Statements prepared in the current session.
    var prepared = PreparedStatements()
    /// Writes queued by `executeLater`, sent ahead of the next statement.
    var deferred: [PipelinedStatement] = []
    /// Round trips this connection made (each also counted in `PostgresRoundTrips`).
    public private(set) var roundTrips = 0

    /// Connects and prepares the session (UTC, ISO dates, hex bytea, `searchPath`).
    public init(configuration: PostgresConfiguration, logger: Logger = Logger(label: "creatorflow.store")) throws {
        let keywords = ["connect_timeout", "fallback_application_name", "dbname", "client_encoding"]
        let values = [
            String(configuration.connectTimeoutSeconds), configuration.applicationName, configuration.url, "UTF8",
        ]
        guard let handle = Self.withCStrings(keywords, { keys in Self.withCStrings(values) { PQconnectdbParams(keys, $0, 1) } })
        else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = configuration.redact(Self.errorText(handle))
            PQfinish(handle)
            throw PostgresError(kind: .connection, message: message)
        }
        self.configuration = configuration
        self.logger = logger
        self.handle = handle
        self.noticeSink = NoticeSink(logger: logger)
        noticeSink.install(on: handle)
        try configureSession()
    }

    /// Connects to `url` (`postgres://user:pass@host:port/db?sslmode=...`) with `searchPath` as the schema.
    public convenience init(
        url: String, searchPath: String? = nil, logger: Logger = Logger(label: "creatorflow.store")
    ) throws {
        try self.init(configuration: PostgresConfiguration(url: url, searchPath: searchPath), logger: logger)
    }

    deinit { PQfinish(handle) }

    /// Whether a transaction is open (a `withTransaction` scope or a manual `BEGIN`).
    public var isInTransaction: Bool { state.isInTransaction }

    /// Runs one parameterized statement (`$1`, `$2`, ... placeholders) and returns its rows. The
    /// statement is prepared on the server the first time this session runs it with these
    /// parameter types, and executed by name afterwards.
    @discardableResult
    public func query(_ sql: String, _ parameters: [PostgresValue?] = []) throws -> PostgresRows {
        try send(sql, parameters, as: .statement)
    }

    /// Sends a parameterized statement, in one pipeline with queued writes, BEGIN and COMMIT when
    /// there are any.
    func send(
        _ sql: String, _ parameters: [PostgresValue?], as statement: ConnectionStateMachine.Statement
    ) throws -> PostgresRows {
        try sendAll([PipelinedStatement(sql: sql, parameters: parameters)], as: statement)[0]
    }

    /// Sends the queued writes and `statements` in one round trip (with BEGIN and COMMIT when the
    /// state says so, and `afterCommit` after a `.final` statement's COMMIT) and returns the
    /// answers to `statements` and `afterCommit`.
    func sendAll(
        _ statements: [PipelinedStatement], as statement: ConnectionStateMachine.Statement,
        then afterCommit: [PipelinedStatement] = []
    ) throws -> [PostgresRows] {
        precondition(afterCommit.isEmpty || statement == .final, "only a final statement is followed by reads")
        let batch = deferred + statements
        deferred.removeAll()
        let rows = try perform(statements[statements.count - 1].sql, as: statement) { handle, begin, commit in
            guard begin || commit || batch.count > 1 else { return try sendAlone(handle, batch[0]) }
            return try sendPipelined(handle, begin: begin, commit: commit, statements: batch, afterCommit: afterCommit)
        }
        return Array(rows.suffix(statements.count + afterCommit.count))
    }

    /// Sends one statement outside pipeline mode, preparing it first when the session has not.
    private func sendAlone(_ handle: OpaquePointer, _ statement: PipelinedStatement) throws -> PipelineAnswer {
        let sql = statement.sql
        return try ParameterBuffer.withArrays(statement.parameters, statement: sql) { count, types, values, lengths, formats in
            let typeList = Array(UnsafeBufferPointer(start: types, count: types == nil ? 0 : Int(count)))
            switch prepared.lookup(sql: sql, types: typeList) {
            case .execute(let name):
                return PipelineAnswer(PQexecPrepared(handle, name, count, values, lengths, formats, 0), statement: sql)
            case .prepare(let name):
                guard let result = PQprepare(handle, name, sql, count, types) else { return .broken }
                guard PQresultStatus(result) == PGRES_COMMAND_OK else { return PipelineAnswer(result, statement: sql) }
                PQclear(result)
                prepared.remember(name, sql: sql, types: typeList)
                return PipelineAnswer(PQexecPrepared(handle, name, count, values, lengths, formats, 0), statement: sql)
            case .unprepared:
                return PipelineAnswer(PQexecParams(handle, sql, count, types, values, lengths, formats, 0), statement: sql)
            }
        }
    }

    /// One round trip that touches no table (`SELECT 1`): a liveness check.
    public func ping() throws {
        _ = try query("SELECT 1")
    }

    /// Runs one parameterized statement and returns the number of rows it affected.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [PostgresValue?] = []) throws -> Int {
        try query(sql, parameters).affectedRows
    }

    /// Runs trusted, constant SQL that may hold several statements and no parameters (migrations).
    /// Outside a transaction the statements run as one implicit transaction.
    public func executeScript(_ sql: String) throws {
        try flushDeferred()
        _ = try perform(sql, as: .script) { handle, _, _ in PipelineAnswer(PQexec(handle, sql), statement: sql) }
    }

    /// Sends a statement as the state machine says: refused, after a pending BEGIN, and when the
    /// connection is lost, reset and sent once more only where no transaction or pinned session
    /// state can be lost. `send` gets the handle and whether BEGIN and COMMIT go in its pipeline.
    private func perform(
        _ sql: String, as statement: ConnectionStateMachine.Statement,
        _ send: (OpaquePointer, _ begin: Bool, _ commit: Bool) throws -> PipelineAnswer
    ) throws -> [PostgresRows] {
        let begin: Bool
        let commit: Bool
        let mayReset: Bool
        switch state.statementWillSend(statement) {
        case .refuse(let refusal):
            throw refusal.error(statement: sql)
        case .sendBeginFirst:
            try sendPendingBegin()
            return try perform(sql, as: statement, send)
        case .send(let pipelineBegin, let pipelineCommit, let resetAllowed):
            (begin, commit, mayReset) = (pipelineBegin, pipelineCommit, resetAllowed)
        }
        if PQstatus(handle) != CONNECTION_OK {
            guard mayReset else { throw lostSession(statement: sql) }
            try reset()
        }
        do {
            return try run(sql) { try send($0, begin, commit) }
        } catch let error as PostgresError where error.kind == .connection && mayReset {
            logger.notice(
                "postgres connection lost; reconnecting and retrying once",
                metadata: ["sqlstate": "\(error.sqlState ?? "none")"])
            try reset()
            return try run(sql) { try send($0, begin, commit) }
        }
    }

    func run(_ sql: String, _ send: (OpaquePointer) throws -> PipelineAnswer) throws -> [PostgresRows] {
        roundTrips += 1
        PostgresRoundTrips.add()
        let answer = try send(handle)
        let status = PQtransactionStatus(handle)
        state.serverReportedTransaction(
            status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE)
        switch answer {
        case .results(let results):
            return results.map(PostgresRows.init(taking:))
        case .failed(let result, let statement):
            let error = failure(result, statement: statement)
            PQclear(result)
            throw error
        case .broken:
            throw PostgresError(
                kind: PQstatus(handle) == CONNECTION_OK ? .server : .connection,
                message: configuration.redact(Self.errorText(handle)), statement: sql)
        }
    }

    private func failure(_ result: OpaquePointer, statement: String) -> PostgresError {
        func field(_ code: Character) -> String? {
            PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
        }
        let broken = PQstatus(handle) != CONNECTION_OK
        let primary = field("M") ?? String(cString: PQresultErrorMessage(result))
        let message = primary.isEmpty ? Self.errorText(handle) : primary
        return PostgresError(
            kind: broken ? .connection : .server, sqlState: field("C"),
            message: configuration.redact(message.trimmingCharacters(in: .whitespacesAndNewlines)),
            constraint: field("n"), statement: statement)
    }

    private func lostSession(statement: String) -> PostgresError {
        PostgresError(
            kind: .connection,
            message: "the connection was lost inside a transaction or pinned session; its work was rolled back",
            statement: statement)
    }

    /// Reopens the session with the original parameters and prepares it again.
    private func reset() throws {
        PQreset(handle)
        state.connectionReset()
        prepared.removeAll()
        guard PQstatus(handle) == CONNECTION_OK else {
            throw PostgresError(kind: .connection, message: configuration.redact(Self.errorText(handle)))
        }
        logger.info("postgres connection re-established", metadata: ["backend_pid": "\(PQbackendPID(handle))"])
        try configureSession()
    }

    /// Settings every session needs for the text decoders, applied with parameters, not splicing.
    private func configureSession() throws {
        let settings = [("TimeZone", "UTC"), ("DateStyle", "ISO, MDY"), ("bytea_output", "hex")] + configuration.timeouts.settings
        var calls = settings.indices.map { "set_config($\($0 * 2 + 1), $\($0 * 2 + 2), false)" }
        var parameters: [PostgresValue?] = settings.flatMap { [.string($0.0), .string($0.1)] }
        if let schema = configuration.searchPath {
            calls.append("set_config('search_path', quote_ident($\(parameters.count + 1)), false)")
            parameters.append(.string(schema))
        }
        let sql = "SELECT " + calls.joined(separator: ", ")
        _ = try run(sql) { handle in
            try ParameterBuffer.withArrays(parameters, statement: sql) { count, types, values, lengths, formats in
                PipelineAnswer(PQexecParams(handle, sql, count, types, values, lengths, formats, 0), statement: sql)
            }
        }
    }

    static func errorText(_ handle: OpaquePointer) -> String {
        let text = String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "connection lost" : text
    }

    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let pointers = copies.map { UnsafePointer($0) } + [nil]
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
