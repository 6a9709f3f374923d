// With PostgreSQL unreachable the health probe can neither store its checks nor let the alerts
// table decide that an alert goes out once. This alert keeps that once-only state in Redis: the
// first probe that cannot connect raises it (and notifies), the first probe that connects again
// resolves it (notifies, and records the outage in the alerts table).

import Domain
import Foundation
import Queue
import Store

/// The `postgres` alert: PostgreSQL unreachable from the fleet.
struct StoreOutageAlert {
    static let key = "postgres"
    let services: FulfilmentServices

    /// Whether `error` means the probe could not reach PostgreSQL at all.
    static func isOutage(_ error: any Error) -> Bool {
        (error as? PostgresError)?.kind == .connection
    }

    /// Raises the alert and notifies, unless another probe already did; best effort (Redis may be
    /// down too, which the logs then say).
    func raise(_ error: any Error, at time: Date) {
        do {
            let queue = try services.makeQueue()
            let raised = try queue.connection.command(
                ["SET", queue.settings.keys.alert(Self.key), String(time.timeIntervalSince1970), "NX"])
            guard !raised.isNull else { return }
            let reason = (error as? PostgresError)?.message ?? "\(error)"
            AlertNotifier(services: services).send(
                "🔴 CreatorFlow PostgreSQL unreachable: health checks cannot be stored and webhooks are answered 503 (\(reason))")
        } catch {
            services.logger.error("postgres outage alert not raised", metadata: ["error": "\(error)"])
        }
    }

    /// Resolves a raised alert: records the outage (raised and resolved) in the alerts table, then
    /// clears it in Redis and notifies — once, however many probes resolve it at the same time.
    /// Nothing happens when none was raised.
    func resolve(resources: FulfilmentResources, at time: Date) throws {
        let key = resources.queue.settings.keys.alert(Self.key)
        let redis = resources.queue.connection
        guard let raisedAt = try redis.command(["GET", key]).string.flatMap(Double.init) else { return }
        let since = Date(timeIntervalSince1970: raisedAt)
        let store = AlertStore(connection: resources.postgres)
        _ = try store.open(key: Self.key, severity: .critical, message: "PostgreSQL unreachable", at: since)
        _ = try store.resolve(key: Self.key, at: time)
        guard try redis.command(["DEL", key]).integer == 1 else { return }
        let minutes = Int((time.timeIntervalSince(since) / 60).rounded())
        AlertNotifier(services: services).send("✅ CreatorFlow PostgreSQL reachable again after about \(minutes) min")
    }
}
