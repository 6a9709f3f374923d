// Chooses and buys an order's label. The best rate by `CarrierChoice`, skipping carriers whose
// breaker is open; when the chosen carrier's buy fails (down, timing out, refused by our own
// breaker), the next best rate of another carrier. Every attempt buys on the same EasyPost
// shipment, which holds at most one label, so falling back can never buy twice.

import Clients
import Domain
import Logging
import Queue

/// Rate choice and purchase with carrier fallback for one order.
struct CarrierPurchase {
    let easyPost: EasyPostClient
    let priority: Priority
    let settings: FulfilmentSettings
    /// Carriers whose breaker is open (see ``openCarriers(gate:among:logger:)``).
    let openCarriers: Set<String>
    let logger: Logger

    /// The rate to buy for `shipment`, avoiding `failed` carriers too; a retryable failure when
    /// no quoted rate is eligible.
    func choose(_ shipment: Shipment, avoiding failed: Set<String> = []) throws -> Clients.Rate {
        let ceiling = settings.labelCostCeilingMinor.map { Money(minorUnits: $0, currency: settings.labelCurrency) }
        let decision = CarrierChoice.choose(
            rates: QuotedRates.domainRates(shipment.rates), priority: priority,
            promisedDeliveryDays: settings.promisedDeliveryDays, costCeiling: ceiling,
            openBreakers: openCarriers.union(failed))
        guard let id = decision.rate?.id, let rate = shipment.rates.first(where: { $0.id == id }) else {
            throw JobFailure.retryable(
                "no eligible carrier rate among \(shipment.rates.count) quoted (open or failed: \(openCarriers.union(failed).sorted()))")
        }
        return rate
    }

    /// Buys `first` (or, after its carrier fails, the next best rate of another carrier) and
    /// returns the bought shipment and the rate asked for. When every eligible carrier fails, the
    /// last carrier's error is thrown (retryable: the job comes back later).
    func buy(_ shipment: Shipment, first: Clients.Rate, checkCancellation: () throws -> Void) throws
        -> (shipment: Shipment, rate: Clients.Rate)
    {
        var rate = first
        var failed: Set<String> = []
        while true {
            try checkCancellation()
            do {
                return (try easyPost.buy(shipmentId: shipment.id, rate: rate), rate)
            } catch let error as any ClassifiedError where error.isRetryable {
                failed.insert(rate.carrier)
                logger.warning(
                    "carrier failed to sell a label; trying another", metadata: ["carrier": "\(rate.carrier)", "error": "\(error)"])
                do {
                    rate = try choose(shipment, avoiding: failed)
                } catch is JobFailure {
                    throw error
                }
            }
        }
    }

    /// The carriers among `carriers` whose breaker is open on `gate` (none when the gate cannot
    /// tell). EasyPost calls name their breaker `easypost:<carrier>` (see `EasyPostClient`). A
    /// failed read is logged and treated as none open: the gate still refuses an open carrier's
    /// buy, which then falls back.
    static func openCarriers(gate: (any UpstreamGate)?, among carriers: [String], logger: Logger) -> Set<String> {
        guard let reader = gate as? any BreakerStateReading, !carriers.isEmpty else { return [] }
        do {
            let open = try reader.openUpstreams(among: carriers.map { "easypost:\($0)" })
            return Set(carriers.filter { open.contains("easypost:\($0)") })
        } catch {
            logger.warning("breaker states unreadable; assuming every carrier is up", metadata: ["error": "\(error)"])
            return []
        }
    }
}
