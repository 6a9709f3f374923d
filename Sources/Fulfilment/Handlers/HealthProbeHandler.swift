// `health-probe` (every 30 s on `critical`): probes TikTok Shop, PostgreSQL, Redis, the carriers
// and the queues, stores one `health_checks` row per subsystem plus the `overall` score (I001's
// weighted 0–100) and status, and raises or resolves the `health` alert — in the alerts table and
// to the alert webhook — once when the status leaves healthy (below `healthWarning`, 80, or
// `healthCritical`, 60, or a critical subsystem failing) and once when it comes back. With
// PostgreSQL unreachable nothing can be stored: the `postgres` alert is raised once through Redis
// (`StoreOutageAlert`) and the job fails (one attempt, see `kinds.health-probe`) into the dead
// letters, which the next successful probe counts; that probe also resolves the alert.

import Domain
import Jobs
import Store
import Worker

/// Handles `health-probe` jobs.
public struct HealthProbeHandler: JobHandler {
    let services: FulfilmentServices

    public init(services: FulfilmentServices) {
        self.services = services
    }

    public func handle(_ job: HealthProbeJob, context: JobContext) throws {
        do {
            try probe(context: context)
        } catch where StoreOutageAlert.isOutage(error) {
            StoreOutageAlert(services: services).raise(error, at: services.now())
            throw error
        }
    }

    private func probe(context: JobContext) throws {
        try services.with { resources in
            let now = services.now()
            let settings = services.settings
            let checks = HealthCheckStore(connection: resources.postgres)
            let reports = HealthProbes(resources: resources, services: services)
                .run(previousDeadTotal: try checks.latestMeasurement(QueueProbe.deadTotalKey, of: QueueProbe.name), now: now)
            let score = HealthScore.evaluate(
                reports.map(\.result), warningBelow: settings.healthWarning, criticalBelow: settings.healthCritical)
            try checks.record(reports.map(\.row), score: score, thresholds: (settings.healthWarning, settings.healthCritical), at: now)
            let alert = HealthAlert(store: AlertStore(connection: resources.postgres), notifier: AlertNotifier(services: services))
            let change = try alert.apply(score, reports: reports, at: now)
            try StoreOutageAlert(services: services).resolve(resources: resources, at: now)
            context.logger.info(
                "health probed",
                metadata: [
                    "score": "\(score.value)", "status": "\(score.status.rawValue)",
                    "alert": "\(HealthAlert.logText(change))",
                ])
        }
    }
}
