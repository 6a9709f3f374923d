// Which events one viewer receives: an operator gets everything; a creator gets its shops'
// orders, its SKUs' stock, purchases and alerts, fleet-wide alerts and health, and never the
// fleet's queues.

/// One viewer's event filter.
struct DashboardAudience: Sendable, Hashable {
    var isOperator: Bool
    /// The creator's shop row ids.
    var shopIds: Set<Int64>
    /// The creator's shop names as alerts mention them (TikTok shop ids and row ids).
    var shopNames: Set<String>
    /// The creator's SKUs.
    var skus: Set<String>

    static let operatorAudience = DashboardAudience(isOperator: true, shopIds: [], shopNames: [], skus: [])

    func receives(_ event: DashboardEvent) -> Bool {
        if isOperator { return true }
        switch event.type {
        case "order.created", "order.updated":
            return event.shop.map(shopIds.contains) ?? false
        case "inventory.updated", "purchase.updated", "stock.update":
            return event.subject.map(skus.contains) ?? false
        case "alert.raised", "alert.resolved", "inventory.critical":
            guard let subject = event.subject else { return true }
            return skus.contains(subject) || shopNames.contains(subject)
        case "health.update":
            return true
        default:
            return false
        }
    }
}
