// Picks the carrier service to buy from rate-shopping results (S001 "Select Optimal Carrier").

/// Carrier selection rules:
///
/// - Rates of a carrier whose circuit breaker is open are skipped (carrier names compare
///   case-insensitively). With a cost ceiling, rates in another currency or above it are skipped,
///   for every priority.
/// - **HIGH**: the fastest remaining service (fewest delivery days; unknown days rank last), ties
///   broken by the lower price. The promise does not exclude anything: the fastest affordable
///   service is the best a HIGH order can get.
/// - **MEDIUM / LOW**: the cheapest service whose delivery days are known and within the promise
///   (any, when no promise), ties broken by fewer days.
/// - Remaining ties are broken by carrier then service name, so the choice is deterministic.
public enum CarrierChoice: Sendable, Equatable {
    /// The rate to buy for an order of `priority`, promised within `promisedDeliveryDays` (nil: no
    /// promise), costing at most `costCeiling` (nil: no ceiling), avoiding `openBreakers` carriers.
    public static func choose(
        rates: [Rate], priority: Priority, promisedDeliveryDays: Int?, costCeiling: Money?,
        openBreakers: Set<String>
    ) -> CarrierDecision {
        let open = Set(openBreakers.map { $0.lowercased() })
        var eligible: [Rate] = []
        var rejections: [RateRejection] = []
        for rate in rates {
            var reasons: [RejectionReason] = []
            if open.contains(rate.carrier.lowercased()) { reasons.append(.breakerOpen) }
            if let costCeiling {
                if rate.currency != costCeiling.currency {
                    reasons.append(.currencyMismatch)
                } else if rate.priceMinor > costCeiling.minorUnits {
                    reasons.append(.overCostCeiling)
                }
            }
            if priority != .high, let promised = promisedDeliveryDays {
                if let days = rate.deliveryDays {
                    if days > promised {
                        reasons.append(.slowerThanPromised(deliveryDays: days, promisedDays: promised))
                    }
                } else {
                    reasons.append(.unknownDeliveryDays)
                }
            }
            if reasons.isEmpty {
                eligible.append(rate)
            } else {
                rejections.append(RateRejection(rate: rate, reasons: reasons))
            }
        }
        let best = eligible.min { a, b in
            let days = (a.deliveryDays ?? Int.max, b.deliveryDays ?? Int.max)
            let price = (a.priceMinor, b.priceMinor)
            let primary = priority == .high ? [days, price] : [price, days]
            for (x, y) in primary where x != y { return x < y }
            return (a.carrier, a.service) < (b.carrier, b.service)
        }
        guard let best else { return .noEligibleRate(rejections) }
        return .selected(best)
    }
}
