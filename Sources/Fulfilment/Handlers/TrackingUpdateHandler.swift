// `tracking-update`: applies a shipment's carrier tracking to its order, in the worker (the order
// state machine runs in workers only; the EasyPost intake only stores the scans). The newest scan
// decides, through Domain's `CarrierTracking`: `delivered` moves a shipped order to delivered;
// anything else, or an order elsewhere, is left as it is. A second run changes nothing.

import Domain
import Jobs
import Store
import Worker

/// Handles `tracking-update` jobs.
public struct TrackingUpdateHandler: JobHandler {
    let services: FulfilmentServices

    public init(services: FulfilmentServices) {
        self.services = services
    }

    public func handle(_ job: TrackingUpdateJob, context: JobContext) throws {
        try services.with { resources in
            try resources.postgres.withTransaction { db in
                let store = TrackingEventStore(connection: db)
                guard let (shipment, latest) = try store.delivery(shipmentId: job.shipmentId, lock: true) else {
                    throw PipelineError.corrupt("shipment \(job.shipmentId) does not exist")
                }
                guard let state = OrderState(rawValue: shipment.orderState),
                    let target = CarrierTracking.target(carrierStatus: latest, from: state)
                else {
                    context.logger.info("tracking-update: no change", metadata: [
                        "order_state": "\(shipment.orderState)", "carrier_status": "\(latest ?? "-")",
                    ])
                    return
                }
                if try store.moveOrder(id: shipment.orderId, from: shipment.orderState, to: target.rawValue) {
                    context.logger.info("order delivered", metadata: ["order_row": "\(shipment.orderId)"])
                }
            }
        }
    }
}
