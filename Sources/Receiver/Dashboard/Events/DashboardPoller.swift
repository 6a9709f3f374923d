// The dashboard's periodic panels: `queues.stats` to operators every second, and every SKU's
// rates, viral score and hours left every 15 s, after each connected creator's SKUs are read again
// (a SKU its shop starts selling joins its panel and its events). Nothing is read while no client
// is connected.

import Foundation
import Logging
import ServiceLifecycle

/// Reads the fleet and stock panels on a timer and publishes them.
struct DashboardPoller: Service {
    let reader: DashboardReader
    let hub: DashboardHub
    let settings: DashboardSettings
    let logger: Logger

    func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.pollFleet() }
            group.addTask { await self.pollStock() }
        }
    }

    private func pollFleet() async {
        var previous: FleetPanel.Reading?
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            if hub.clientCount > 0 {
                do {
                    let panel = try await reader.fleetPanel(previous: previous)
                    previous = panel.reading
                    hub.publish([DashboardEvent(type: "queues.stats", json: panel.json.jsonText)])
                } catch {
                    logger.warning("dashboard: fleet panel unavailable", metadata: ["error": "\(error)"])
                }
            }
            await pause(settings.statsInterval)
        }
    }

    private func pollStock() async {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await pause(settings.stockInterval)
            guard hub.clientCount > 0 else { continue }
            do {
                for audience in hub.creatorAudiences {
                    hub.regroup(audience, as: try await reader.refreshed(audience))
                }
                let rows = try await reader.stockRows()
                let now = Date()
                hub.publishEach { reader.stockPanel.event(rows, for: $0, at: now) }
            } catch {
                logger.warning("dashboard: stock panel unavailable", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Sleeps `duration`, ending early on cancellation or graceful shutdown.
    private func pause(_ duration: Duration) async {
        _ = try? await cancelOnGracefulShutdown { try await Task.sleep(for: duration) }
    }
}
