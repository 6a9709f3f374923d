// The dashboard's reads on the blocking pool: a viewer's audience, the snapshot a client starts
// from, one order's page and the fleet panel.

import Domain
import Foundation
import Queue
import Store

/// Reads what the dashboard shows, on the web process's blocking pool.
struct DashboardReader: Sendable {
    let pool: BlockingPool
    let queueSettings: QueueSettings
    let settings: DashboardSettings
    let stockPanel = StockPanel()

    /// The shops and SKUs `viewer` sees.
    func audience(of viewer: DashboardViewer) async throws -> DashboardAudience {
        if viewer.isOperator { return .operatorAudience }
        let names = viewer.shops
        return try await pool.run { connections in
            let store = DashboardStore(connection: try connections.postgres())
            let ids = try store.shopIds(matching: names)
            let skus = try store.skus(of: DashboardScope(shopIds: ids))
            return DashboardAudience(
                isOperator: false, shopIds: Set(ids), shopNames: Set(names + ids.map(String.init)), skus: Set(skus))
        }
    }

    /// `audience` with its shops' SKUs read again (a shop sells or tags a new one).
    func refreshed(_ audience: DashboardAudience) async throws -> DashboardAudience {
        guard !audience.isOperator else { return audience }
        let scope = DashboardScope(shopIds: audience.shopIds.sorted())
        var refreshed = audience
        refreshed.skus = Set(try await pool.run { connections in
            try DashboardStore(connection: try connections.postgres()).skus(of: scope)
        })
        return refreshed
    }

    /// The snapshot message (every panel the audience sees, numbered `seq`) and the transactions
    /// it includes.
    func snapshot(for audience: DashboardAudience, viewer: DashboardViewer, seq: UInt64) async throws -> (String, TransactionSnapshot) {
        let scope = DashboardScope(shopIds: audience.isOperator ? nil : audience.shopIds.sorted())
        let settings = settings
        let skus = audience.isOperator ? nil : audience.skus.sorted()
        let now = Date()
        let (panels, visible) = try await pool.run { connections in
            try DashboardStore(connection: try connections.postgres()).consistentRead { store in
                (
                    counts: try store.orderCountsJSON(scope),
                    orders: try store.recentOrdersJSON(scope, limit: settings.recentOrders),
                    alerts: try store.alertsJSON(resolvedLimit: settings.resolvedAlerts),
                    health: try store.latestHealthJSON(),
                    stock: try store.stock(skus: skus, windows: ViralDetector().windows(endingAt: now))
                )
            }
        }
        let alerts = audience.isOperator ? panels.alerts : visibleAlerts(panels.alerts, to: audience)
        let fleet = audience.isOperator ? (try? await fleetPanel(previous: nil).json.jsonText) ?? "null" : "null"
        let viewerJSON: [String: JSONValue] = [
            "subject": .string(viewer.subject), "operator": .bool(viewer.isOperator),
            "shops": .array(viewer.shops.map(JSONValue.string)),
            "expires_at": .number((viewer.expiresAt.timeIntervalSince1970 * 1000).rounded()),
        ]
        let stock = JSONValue.array(panels.stock.map(stockPanel.row))
        let text = """
            {"type":"snapshot","seq":\(seq),"at":\(Int64(now.timeIntervalSince1970 * 1000)),"viewer":\(viewerJSON.jsonText),\
            "counts":\(panels.counts),"orders":\(panels.orders),"stock":\(stock.jsonText),"alerts":\(alerts),\
            "health":\(panels.health),"fleet":\(fleet)}
            """
        return (text, visible)
    }

    /// One order's page data (`{"order": …, "timeline": […]}`), or `nil` outside the audience.
    func orderPage(id: Int64, audience: DashboardAudience) async throws -> String? {
        let scope = DashboardScope(shopIds: audience.isOperator ? nil : audience.shopIds.sorted())
        return try await pool.run { connections in
            try DashboardStore(connection: try connections.postgres()).orderTimelineJSON(orderId: id, scope)
        }
    }

    /// The stock rows of every SKU, for the periodic `stock.update`.
    func stockRows() async throws -> [DashboardStockRow] {
        let now = Date()
        return try await pool.run { connections in
            try DashboardStore(connection: try connections.postgres()).stock(skus: nil, windows: ViralDetector().windows(endingAt: now))
        }
    }

    /// The fleet panel from Redis.
    func fleetPanel(previous: FleetPanel.Reading?) async throws -> FleetPanel {
        let queueSettings = queueSettings
        let perQueue = settings.deadLettersPerQueue
        return try await pool.run { connections in
            let admin = QueueAdmin(connection: try connections.redis(), settings: queueSettings)
            let now = Date().timeIntervalSince1970
            var letters: [DeadLetter] = []
            for queue in try admin.allQueues() {
                letters += try admin.deadLetters(queue: queue, offset: 0, limit: perQueue)
            }
            return FleetPanel(
                snapshot: try admin.snapshot(now: now), workers: try admin.workers(), deadLetters: letters,
                previous: previous, now: now)
        }
    }

    private func visibleAlerts(_ json: String, to audience: DashboardAudience) -> String {
        guard case .array(let alerts)? = try? JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)) else { return "[]" }
        let visible = alerts.filter { alert in
            guard case .object(let fields) = alert, case .string(let key)? = fields["key"] else { return false }
            let parts = key.split(separator: ":", maxSplits: 1)
            let event = DashboardEvent(type: "alert.raised", subject: parts.count > 1 ? String(parts[1]) : nil, json: "")
            return audience.receives(event)
        }
        return JSONValue.array(visible).jsonText
    }
}
