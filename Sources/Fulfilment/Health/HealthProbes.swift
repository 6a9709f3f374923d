// Runs every subsystem probe with one slot's connections: TikTok Shop, PostgreSQL, Redis, the
// carriers and the queues. They run one after another on the slot's thread; only the TikTok call
// can take long, and its timeout bounds it (`ProbeLimits.tiktokTimeoutSeconds`).

import Domain
import Foundation
import Queue
import Upstream

/// The fleet's probes, in report order.
struct HealthProbes {
    let resources: FulfilmentResources
    let services: FulfilmentServices
    var limits = ProbeLimits()

    /// One report per subsystem; `previousDeadTotal` is the dead counter of the previous probe.
    func run(previousDeadTotal: Int?, now: Date) -> [ProbeReport] {
        let redis = resources.queue.connection
        let carriers = services.settings.carrierProviders.keys.sorted()
        let monitor = UpstreamMonitor(connection: redis, keys: resources.queue.settings.keys)
        let breakers = Result { try monitor.breakerStates([TikTokProbe.upstream] + carriers.map(CarrierProbe.upstream)) }
        var reports = [
            TikTokProbe(resources: resources, services: services, limits: limits)
                .run(breaker: (try? breakers.get())?.first { $0.upstream == TikTokProbe.upstream }),
            StoreProbes.postgres(resources.postgres, limits: limits),
            StoreProbes.redis(redis, limits: limits),
        ]
        switch breakers {
        case .success(let states): reports += CarrierProbe.reports(carriers: carriers, breakers: states)
        case .failure(let error): reports += CarrierProbe.unknown(carriers: carriers, error: error)
        }
        do {
            let admin = QueueAdmin(connection: redis, settings: resources.queue.settings)
            let snapshot = try admin.snapshot(now: now.timeIntervalSince1970)
            reports.append(QueueProbe.report(snapshot, previousDeadTotal: previousDeadTotal, limits: limits))
        } catch {
            reports.append(QueueProbe.unreachable(error))
        }
        return reports
    }
}
