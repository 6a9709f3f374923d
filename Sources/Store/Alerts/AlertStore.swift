// The `alerts` table: at most one open alert per key (the `alerts_one_open_per_key` unique partial
// index), opened once when a condition starts and resolved once when it ends. Every write says
// whether it changed anything, so the caller notifies exactly when a row changed — after commit.

import Domain
import Foundation

/// Opens, re-grades and resolves alerts on one connection (inside the caller's transaction, if any).
public struct AlertStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Opens an alert for `key` unless one is already open; true when this call opened it.
    @discardableResult
    public func open(key: String, severity: AlertSeverity, message: String, at time: Date) throws -> Bool {
        try connection.execute(
            """
            INSERT INTO alerts (key, severity, message, opened_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (key) WHERE state = 'open' DO NOTHING
            """, [.string(key), .string(severity.rawValue), .string(message), .date(time)]) == 1
    }

    /// Moves `key`'s open alert to `severity` with `message`; true when it was open at another severity.
    @discardableResult
    public func regrade(key: String, to severity: AlertSeverity, message: String) throws -> Bool {
        try connection.execute(
            "UPDATE alerts SET severity = $2, message = $3 WHERE key = $1 AND state = 'open' AND severity <> $2",
            [.string(key), .string(severity.rawValue), .string(message)]) == 1
    }

    /// Resolves `key`'s open alert; true when one was open.
    @discardableResult
    public func resolve(key: String, at time: Date) throws -> Bool {
        try connection.execute(
            "UPDATE alerts SET state = 'resolved', resolved_at = $2 WHERE key = $1 AND state = 'open'",
            [.string(key), .date(time)]) == 1
    }

    /// The open alert for `key`, if any.
    public func openAlert(key: String) throws -> OpenAlert? {
        try openAlerts(where: "key = $1", [.string(key)]).first
    }

    /// Every open alert whose key starts with `prefix`, oldest first.
    public func openAlerts(prefix: String = "") throws -> [OpenAlert] {
        try openAlerts(where: "starts_with(key, $1)", [.string(prefix)])
    }

    private func openAlerts(where condition: String, _ parameters: [PostgresValue?]) throws -> [OpenAlert] {
        try connection.query(
            "SELECT id, key, severity, message, opened_at FROM alerts WHERE state = 'open' AND \(condition) ORDER BY opened_at, id",
            parameters
        ).map { row in
            let severityText = try row["severity", as: String.self]
            guard let severity = AlertSeverity(rawValue: severityText) else {
                throw PipelineError.corrupt("alert has unknown severity '\(severityText)'")
            }
            return OpenAlert(
                id: try row["id", as: Int64.self], key: try row["key", as: String.self], severity: severity,
                message: try row["message", as: String.self], openedAt: try row["opened_at", as: Date.self])
        }
    }
}
