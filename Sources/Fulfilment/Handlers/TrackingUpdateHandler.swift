// `tracking-update`: applies a shipment's carrier tracking to its order, in the worker (the order
// state machine runs in workers only; the EasyPost intake only stores the scans). The newest scan
// decides: `delivered` moves a shipped order to delivered, as the machine allows; anything else,
// or an order elsewhere, is left as it is. Running it twice changes nothing the second time.

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
                guard let target = Self.target(carrierStatus: latest, orderState: shipment.orderState) else {
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

    /// The state a carrier status moves an order to, if any: `delivered` from any state the
    /// machine lets reach it (only `shipped`); never a self-transition.
    static func target(carrierStatus: String?, orderState: String) -> OrderState? {
        guard carrierStatus == "delivered", let current = OrderState(rawValue: orderState), current != .delivered,
            OrderStateMachine.canTransition(from: current, to: .delivered)
        else { return nil }
        return .delivered
    }
}
