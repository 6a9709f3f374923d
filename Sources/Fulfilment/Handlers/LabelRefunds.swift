// Refunds the labels an order no longer needs (cancelled, or address changed before shipping).
// Runs after the transaction that marked them; safe to repeat.

import Foundation
import Store

/// Refunds every label of one order marked `void_requested`.
enum LabelRefunds {
    static func refundPending(orderId: Int64, resources: FulfilmentResources) throws {
        let voids = ShipmentVoids(connection: resources.postgres)
        for shipment in try voids.pending(orderId: orderId) {
            if shipment.bought, let providerId = shipment.providerShipmentId {
                _ = try resources.easyPost().refund(shipmentId: providerId)
            }
            try voids.markRefunded(id: shipment.id)
        }
    }
}
