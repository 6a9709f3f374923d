// One event for dashboard clients: its JSON text as PostgreSQL (or the fleet poller) wrote it,
// with the routing fields that decide which viewers get it.

import Foundation

/// An event to fan out: `json` goes to clients unchanged.
struct DashboardEvent: Sendable, Equatable {
    /// `order.created`, `order.updated`, `inventory.critical`, `inventory.updated`,
    /// `purchase.updated`, `alert.raised`, `alert.resolved`, `health.update`, `queues.stats`,
    /// `stock.update`.
    var type: String
    /// The shop row id of an order event.
    var shop: Int64?
    /// The SKU (or shop) an alert, stock or purchase event is about.
    var subject: String?
    /// The transaction that made the change, for events from PostgreSQL.
    var txid: Int64?
    var json: String

    private struct Routing: Decodable {
        var type: String
        var shop: Int64?
        var subject: String?
        var txid: Int64?
    }

    /// Reads the routing fields of a logged event's payload with `decoder` (the feed keeps one);
    /// `nil` for a payload that is not an event.
    init?(payload: String, decoder: JSONDecoder = JSONDecoder()) {
        guard let routing = try? decoder.decode(Routing.self, from: Data(payload.utf8)) else { return nil }
        self.init(type: routing.type, shop: routing.shop, subject: routing.subject, txid: routing.txid, json: payload)
    }

    init(type: String, shop: Int64? = nil, subject: String? = nil, txid: Int64? = nil, json: String) {
        self.type = type
        self.shop = shop
        self.subject = subject
        self.txid = txid
        self.json = json
    }
}
