// GET /metrics: reads the fleet's state from Redis and the forecast checks from PostgreSQL (on the
// blocking pool) and answers Prometheus text. If either is unreachable the rest is still served.

import Foundation
import Hummingbird
import Logging
import Queue
import Store
import Upstream

/// Serves `/metrics`.
struct MetricsRoute: Sendable {
    let metrics: FleetMetrics
    let pool: BlockingPool
    let queueSettings: QueueSettings
    let logger: Logger

    func handle() async -> Response {
        let settings = queueSettings
        var durations: [String: JobDurationHistogram] = [:]
        var upstreams = ""
        do {
            let (snapshot, workers, histograms, upstreamText) = try await pool.run { connections in
                let admin = QueueAdmin(connection: try connections.redis(), settings: settings)
                let upstream = try UpstreamMetrics(monitor: UpstreamMonitor(connection: try connections.redis(), keys: settings.keys))
                return (
                    try admin.snapshot(now: Date().timeIntervalSince1970), try admin.workers(), try admin.durationHistograms(),
                    upstream.text
                )
            }
            metrics.refresh(snapshot: snapshot, workers: workers)
            durations = histograms
            upstreams = upstreamText
        } catch {
            logger.warning("metrics: fleet state unavailable", metadata: ["error": "\(error)"])
        }
        var forecasts = ""
        do {
            forecasts = try await pool.run { connections in
                ForecastMetrics(checks: try ForecastStore(connection: try connections.postgres()).latestChecks()).text
            }
        } catch {
            logger.warning("metrics: forecast checks unavailable", metadata: ["error": "\(error)"])
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: metrics.render(durations: durations) + upstreams + forecasts)))
    }
}

/// Counts every answer of the webhook routes by status, errors included.
struct WebhookMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: FleetMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/webhooks/") else { return try await next(request, context) }
        do {
            let response = try await next(request, context)
            metrics.webhookAnswered(status: response.status.code)
            return response
        } catch let error as any HTTPResponseError {
            metrics.webhookAnswered(status: error.status.code)
            throw error
        }
    }
}
