// Prometheus metrics for the whole fleet. The web process counts its own webhooks; everything
// about jobs comes from Redis, where every worker publishes its counters and duration
// histograms, so one scrape of any web process covers every worker.

import Foundation
import Prometheus
import Queue
import Store

/// The registry behind `/metrics`, refreshed from Redis on each scrape.
public final class FleetMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let seen = Locked<[String: Int]>([:])

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// Counts one answered webhook by HTTP status.
    public func webhookAnswered(status: Int) {
        registry.makeCounter(
            descriptor: Self.name("creatorflow_webhooks_total", "Webhook deliveries answered, by HTTP status"),
            labels: [("status", String(status))]).increment()
    }

    /// Updates queue, worker and job series from a fleet snapshot.
    public func refresh(snapshot: FleetSnapshot, workers: [WorkerInfo]) {
        for q in snapshot.queues {
            let labels = [("queue", q.name)]
            gauge("creatorflow_queue_depth", labels, "Jobs waiting in the queue").set(to: Double(q.size))
            gauge("creatorflow_queue_latency_seconds", labels, "Age of the oldest waiting job").set(to: q.latencySeconds)
            gauge("creatorflow_jobs_in_flight", labels, "Jobs claimed by worker processes").set(to: Double(q.inFlight))
            gauge("creatorflow_jobs_scheduled", labels, "Delayed jobs waiting for their time").set(to: Double(q.scheduled))
            gauge("creatorflow_jobs_retrying", labels, "Failed jobs waiting for their retry").set(to: Double(q.retries))
            gauge("creatorflow_dead_letters", labels, "Jobs in the dead letters").set(to: Double(q.dead))
            gauge("creatorflow_queue_paused", labels, "1 while the queue is paused fleet-wide").set(to: q.paused ? 1 : 0)
        }
        let slots = workers.reduce(0) { $0 + $1.concurrency }
        let busy = workers.reduce(0) { $0 + $1.busy }
        gauge("creatorflow_workers", [], "Live worker processes").set(to: Double(workers.count))
        gauge("creatorflow_worker_slots", [], "Job slots across live workers").set(to: Double(slots))
        gauge("creatorflow_worker_busy_slots", [], "Slots running a job").set(to: Double(busy))
        gauge("creatorflow_worker_postgres_round_trips", [], "PostgreSQL round trips of the live workers since each started")
            .set(to: Double(workers.reduce(0) { $0 + ($1.postgresRoundTrips ?? 0) }))
        for (kind, counters) in snapshot.kinds {
            let outcomes = [("processed", counters.processed), ("failed", counters.failed), ("retried", counters.retried), ("dead", counters.dead)]
            for (outcome, value) in outcomes {
                let counter = registry.makeCounter(
                    descriptor: Self.name("creatorflow_jobs_total", "Job attempts across the fleet, by kind and outcome"),
                    labels: [("kind", kind), ("outcome", outcome)])
                let key = "\(kind)/\(outcome)"
                seen.withLock { seen in
                    let previous = seen[key] ?? 0
                    if value < previous {
                        counter.reset()
                        counter.increment(by: Int64(value))
                    } else if value > previous {
                        counter.increment(by: Int64(value - previous))
                    }
                    seen[key] = value
                }
            }
        }
    }

    /// The Prometheus text: the registry plus the fleet's job duration histograms.
    public func render(durations: [String: JobDurationHistogram]) -> String {
        gauge("creatorflow_web_postgres_round_trips", [], "PostgreSQL round trips of this web process since it started")
            .set(to: Double(PostgresRoundTrips.total))
        var text = registry.emitToString()
        if !durations.isEmpty {
            text += "# HELP creatorflow_job_duration_seconds Job attempt durations across the fleet\n"
            text += "# TYPE creatorflow_job_duration_seconds histogram\n"
            for kind in durations.keys.sorted() {
                let histogram = durations[kind]!
                var cumulative = 0
                for (index, bound) in (DurationBuckets.bounds.map { String($0) } + ["+Inf"]).enumerated() {
                    cumulative += histogram.buckets[index]
                    text += "creatorflow_job_duration_seconds_bucket{kind=\"\(kind)\",le=\"\(bound)\"} \(cumulative)\n"
                }
                text += "creatorflow_job_duration_seconds_sum{kind=\"\(kind)\"} \(histogram.sum)\n"
                text += "creatorflow_job_duration_seconds_count{kind=\"\(kind)\"} \(histogram.count)\n"
            }
        }
        return text
    }

    private func gauge(_ name: String, _ labels: [(String, String)], _ help: String) -> Gauge {
        registry.makeGauge(descriptor: Self.name(name, help), labels: labels)
    }

    private static func name(_ full: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: full, unitName: "", helpText: help)
    }
}
