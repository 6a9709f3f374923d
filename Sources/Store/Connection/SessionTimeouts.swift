// The bounds the server puts on one session, so no statement, lock wait or open transaction of a
// process can hold up the others indefinitely.

import Domain

/// `statement_timeout`, `lock_timeout` and `idle_in_transaction_session_timeout` of a session;
/// `nil` leaves the server's setting (no limit by default).
public struct SessionTimeouts: Sendable, Equatable {
    public var statement: Duration?
    public var lock: Duration?
    public var idleInTransaction: Duration?

    public init(statement: Duration? = nil, lock: Duration? = nil, idleInTransaction: Duration? = nil) {
        self.statement = statement
        self.lock = lock
        self.idleInTransaction = idleInTransaction
    }

    /// A worker's or a command's session: statements end within 30 s, lock waits (the token
    /// refresh's single-flight row lock among them) within 10 s, idle transactions within 60 s.
    public static let standard = SessionTimeouts(statement: .seconds(30), lock: .seconds(10), idleInTransaction: .seconds(60))

    /// The receiver's: it answers TikTok within its deadline, so its statements are bounded tighter.
    public static let intake = SessionTimeouts(statement: .seconds(10), lock: .seconds(5), idleInTransaction: .seconds(30))

    /// Migrations: a long index build may run as long as it needs, but waits for locks only 60 s.
    public static let migration = SessionTimeouts(lock: .seconds(60))

    /// The `set_config` pairs for these limits, in milliseconds.
    var settings: [(String, String)] {
        [("statement_timeout", statement), ("lock_timeout", lock), ("idle_in_transaction_session_timeout", idleInTransaction)]
            .compactMap { name, limit in limit.map { (name, String(Int64($0.inMilliseconds))) } }
    }
}
