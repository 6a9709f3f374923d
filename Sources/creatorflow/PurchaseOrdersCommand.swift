// `creatorflow purchase-orders list|receive`: the supplier orders reorder placed, and their arrival
// (stock goes on hand, TikTok is told, backordered orders are reserved again, highest priority first).

import ArgumentParser
import Foundation
import Fulfilment
import Store

struct PurchaseOrdersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purchase-orders", abstract: "List supplier purchase orders and receive arrived ones.",
        subcommands: [List.self, Receive.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show purchase orders, newest first.")

        @OptionGroup var common: CommonOptions
        @Option(help: "Only orders in this status: placing, placed or received.") var status: String?
        @Option(help: "At most this many orders.") var limit = 100
        @Flag(help: "JSON output.") var json = false

        func validate() throws {
            if let status, !["placing", "placed", "received"].contains(status) {
                throw ValidationError("--status must be placing, placed or received")
            }
            if limit < 1 { throw ValidationError("--limit must be at least 1") }
        }

        func run() throws {
            let orders = try PurchaseOrderStore(connection: try common.load().checkedPostgres()).list(status: status, limit: limit)
            if json { return try JSONOutput.print(["purchase_orders": orders.map(PurchaseOrderJSON.init)]) }
            if orders.isEmpty { return print("no purchase orders") }
            var rows = [["ID", "SKU", "QUANTITY", "KIND", "STATUS", "SUPPLIER REF", "PLACED", "EXPECTED", "RECEIVED"]]
            for order in orders {
                rows.append([
                    "\(order.id)", order.skuId, "\(order.quantity)", order.kind, order.status, order.supplierReference ?? "-",
                    PurchaseOrderJSON.time(order.placedAt) ?? "-", PurchaseOrderJSON.time(order.expectedAt) ?? "-",
                    PurchaseOrderJSON.time(order.receivedAt) ?? "-",
                ])
            }
            print(Table.render(rows))
        }
    }

    struct Receive: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a purchase order's arrival: stock on hand, TikTok synced, backorders reserved again.",
            discussion: "Receiving an order twice adds no stock; it re-sends its SKU's backordered orders to reserve.")

        @OptionGroup var common: CommonOptions
        @Argument(help: "The purchase order id (see `purchase-orders list`).") var id: Int64
        @Flag(help: "JSON output.") var json = false

        func run() throws {
            let outcome = try PurchaseArrival.receive(id: id, services: try common.load().fulfilmentServices())
            if json { return try JSONOutput.print(ArrivalJSON(outcome)) }
            let order = outcome.purchaseOrder
            print(
                outcome.received
                    ? "received purchase order \(order.id): \(order.quantity) × \(order.skuId) on hand"
                    : "purchase order \(order.id) was already received; nothing added")
            print("reserve sent for \(outcome.reserveOrderIds.count) backordered order(s)")
        }
    }
}

/// One purchase order in `--json` output (times ISO 8601, absent when unset).
struct PurchaseOrderJSON: Encodable {
    var id: Int64
    var skuId: String
    var quantity: Int
    var kind: String
    var status: String
    var idempotencyKey: String
    var supplierReference: String?
    var placedAt: String?
    var expectedAt: String?
    var receivedAt: String?
    var createdAt: String?

    init(_ order: PurchaseOrderRecord) {
        id = order.id
        skuId = order.skuId
        quantity = order.quantity
        kind = order.kind
        status = order.status
        idempotencyKey = order.idempotencyKey
        supplierReference = order.supplierReference
        placedAt = Self.time(order.placedAt)
        expectedAt = Self.time(order.expectedAt)
        receivedAt = Self.time(order.receivedAt)
        createdAt = Self.time(order.createdAt)
    }

    static func time(_ date: Date?) -> String? { date?.formatted(.iso8601) }

    enum CodingKeys: String, CodingKey {
        case id, quantity, kind, status
        case skuId = "sku_id", idempotencyKey = "idempotency_key", supplierReference = "supplier_reference"
        case placedAt = "placed_at", expectedAt = "expected_at", receivedAt = "received_at", createdAt = "created_at"
    }
}

/// `receive --json`: `{"purchase_order":{…},"received":true,"reserve_order_ids":[…]}`.
struct ArrivalJSON: Encodable {
    var purchaseOrder: PurchaseOrderJSON
    var received: Bool
    var reserveOrderIds: [String]

    init(_ outcome: PurchaseArrivalOutcome) {
        purchaseOrder = PurchaseOrderJSON(outcome.purchaseOrder)
        received = outcome.received
        reserveOrderIds = outcome.reserveOrderIds
    }

    enum CodingKeys: String, CodingKey {
        case received
        case purchaseOrder = "purchase_order", reserveOrderIds = "reserve_order_ids"
    }
}
