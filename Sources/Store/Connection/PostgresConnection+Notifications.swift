// LISTEN/NOTIFY on a connection of its own: the dashboard's event feed. PostgreSQL queues a
// notification for delivery when the transaction that sent it commits.

import CLibPQ
import Foundation

/// One NOTIFY received: its channel and payload text.
public struct PostgresNotification: Sendable, Equatable {
    public var channel: String
    public var payload: String
}

extension PostgresConnection {
    /// Subscribes this session to `channel`. A session that is reset loses it: a listener treats
    /// any error as a gap, and listens again on a new connection.
    public func listen(_ channel: String) throws {
        try executeScript("LISTEN " + PostgresIdentifier.quoted(channel))
    }

    /// The notifications that arrive within `timeout` seconds (returns as soon as there are some);
    /// throws a `.connection` error when the session is gone.
    public func notifications(waitingUpTo timeout: Double) throws -> [PostgresNotification] {
        var received = try drainNotifications()
        if !received.isEmpty { return received }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        guard descriptor.fd >= 0 else { throw PostgresError(kind: .connection, message: "the listening session has no socket") }
        let ready = poll(&descriptor, 1, Int32(max(timeout, 0) * 1000))
        if ready < 0 && errno != EINTR {
            throw PostgresError(kind: .connection, message: "poll on the listening session failed: errno \(errno)")
        }
        if ready > 0 { received = try drainNotifications() }
        return received
    }

    private func drainNotifications() throws -> [PostgresNotification] {
        guard PQconsumeInput(handle) == 1, PQstatus(handle) == CONNECTION_OK else {
            throw PostgresError(kind: .connection, message: configuration.redact(Self.errorText(handle)))
        }
        var received: [PostgresNotification] = []
        while let notify = PQnotifies(handle) {
            received.append(
                PostgresNotification(
                    channel: String(cString: notify.pointee.relname), payload: String(cString: notify.pointee.extra)))
            PQfreemem(notify)
        }
        return received
    }
}
