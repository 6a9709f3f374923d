// EasyPost's rates in Domain terms: decimal price strings parsed exactly into minor units.

import Clients
import Domain
import Foundation
import Store

/// Maps carrier quotes for ``CarrierChoice``. Pure.
public enum QuotedRates {
    /// Every rate whose price parses; a malformed price is left out (it cannot be compared).
    public static func domainRates(_ rates: [Clients.Rate]) -> [Domain.Rate] {
        rates.compactMap { rate in
            guard let price = try? Money.parse(rate.rate, currency: rate.currency) else { return nil }
            return Domain.Rate(
                carrier: rate.carrier, service: rate.service, priceMinor: price.minorUnits, currency: price.currency,
                deliveryDays: rate.deliveryDays, id: rate.id)
        }
    }

    /// The label a bought shipment carries, priced by its selected rate (or `requested` when
    /// EasyPost did not echo one); nil when nothing was bought.
    public static func label(of shipment: Shipment, requested: Clients.Rate?, at boughtAt: Date) throws -> BoughtLabel? {
        guard shipment.isPurchased, let tracking = shipment.trackingCode else { return nil }
        guard let rate = shipment.selectedRate ?? requested else {
            throw PipelineError.corrupt("EasyPost shipment \(shipment.id) has a label but no selected rate")
        }
        let price: Money
        do {
            price = try Money.parse(rate.rate, currency: rate.currency)
        } catch {
            throw PipelineError.corrupt("EasyPost priced shipment \(shipment.id) as '\(rate.rate)' (\(error))")
        }
        return BoughtLabel(
            carrier: rate.carrier, service: rate.service, price: price, trackingNumber: tracking,
            labelURL: shipment.postageLabel?.labelUrl, labelId: shipment.postageLabel?.id, boughtAt: boughtAt)
    }
}
