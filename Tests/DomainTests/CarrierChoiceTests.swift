import Domain
import Testing

@Suite struct CarrierChoiceTests {
    // I001's rate comparison: USPS $8.50 (2–3 days), UPS $12.00 (1–2 days), FedEx $11.50 (1–2 days).
    let usps = Rate(
        carrier: "USPS", service: "Priority", priceMinor: 850, currency: "USD", deliveryDays: 3, id: "rate_usps")
    let ups = Rate(
        carrier: "UPS", service: "NextDayAir", priceMinor: 1_200, currency: "USD", deliveryDays: 1, id: "rate_ups")
    let fedex = Rate(
        carrier: "FedEx", service: "2Day", priceMinor: 1_150, currency: "USD", deliveryDays: 2, id: "rate_fedex")
    var rates: [Rate] { [usps, ups, fedex] }
    let ceiling = Money(minorUnits: 1_500, currency: "USD")

    @Test func highPriorityTakesTheFastestWithinTheCeiling() {
        let decision = CarrierChoice.choose(
            rates: rates, priority: .high, promisedDeliveryDays: 3, costCeiling: ceiling, openBreakers: [])
        #expect(decision == .selected(ups))
        #expect(decision.rate?.id == "rate_ups")
    }

    @Test func highPriorityRespectsTheCeiling() {
        let decision = CarrierChoice.choose(
            rates: rates, priority: .high, promisedDeliveryDays: 3,
            costCeiling: Money(minorUnits: 1_199, currency: "USD"),
            openBreakers: [])
        #expect(decision == .selected(fedex))
    }

    @Test func highPriorityTieGoesToTheCheaper() {
        let upsTwoDay = Rate(carrier: "UPS", service: "2ndDayAir", priceMinor: 1_100, currency: "USD", deliveryDays: 2)
        let decision = CarrierChoice.choose(
            rates: [usps, fedex, upsTwoDay], priority: .high, promisedDeliveryDays: nil, costCeiling: ceiling,
            openBreakers: [])
        #expect(decision == .selected(upsTwoDay))
    }

    @Test func highPriorityTakesTheFastestEvenBeyondThePromise() {
        let slow = Rate(carrier: "USPS", service: "Ground", priceMinor: 500, currency: "USD", deliveryDays: 6)
        let decision = CarrierChoice.choose(
            rates: [slow], priority: .high, promisedDeliveryDays: 2, costCeiling: ceiling, openBreakers: [])
        #expect(decision == .selected(slow))
    }

    @Test func highPriorityRanksUnknownDeliveryLast() {
        let unknown = Rate(carrier: "DHL", service: "Express", priceMinor: 100, currency: "USD", deliveryDays: nil)
        #expect(
            CarrierChoice.choose(
                rates: [unknown, usps], priority: .high, promisedDeliveryDays: nil, costCeiling: nil, openBreakers: [])
                == .selected(usps))
        #expect(
            CarrierChoice.choose(
                rates: [unknown], priority: .high, promisedDeliveryDays: 2, costCeiling: nil, openBreakers: [])
                == .selected(unknown))
    }

    @Test func otherPrioritiesTakeTheCheapestMeetingThePromise() {
        for priority in [Priority.medium, .low] {
            #expect(
                CarrierChoice.choose(
                    rates: rates, priority: priority, promisedDeliveryDays: 3, costCeiling: ceiling, openBreakers: [])
                    == .selected(usps))
            #expect(
                CarrierChoice.choose(
                    rates: rates, priority: priority, promisedDeliveryDays: 2, costCeiling: ceiling, openBreakers: [])
                    == .selected(fedex))
        }
    }

    @Test func cheapestTieGoesToTheFaster() {
        let uspsFast = Rate(carrier: "USPS", service: "Express", priceMinor: 850, currency: "USD", deliveryDays: 2)
        let decision = CarrierChoice.choose(
            rates: [usps, uspsFast, fedex], priority: .medium, promisedDeliveryDays: 3, costCeiling: ceiling,
            openBreakers: [])
        #expect(decision == .selected(uspsFast))
    }

    @Test func fullTieIsBrokenByCarrierThenService() {
        let a = Rate(carrier: "UPS", service: "B", priceMinor: 700, currency: "USD", deliveryDays: 2)
        let b = Rate(carrier: "UPS", service: "A", priceMinor: 700, currency: "USD", deliveryDays: 2)
        let c = Rate(carrier: "FedEx", service: "Z", priceMinor: 700, currency: "USD", deliveryDays: 2)
        for priority in Priority.allCases {
            #expect(
                CarrierChoice.choose(
                    rates: [a, b, c], priority: priority, promisedDeliveryDays: 2, costCeiling: nil, openBreakers: [])
                    == .selected(c))
            #expect(
                CarrierChoice.choose(
                    rates: [a, b], priority: priority, promisedDeliveryDays: 2, costCeiling: nil, openBreakers: [])
                    == .selected(b))
        }
    }

    @Test func openBreakerSkipsTheCarrierCaseInsensitively() {
        let high = CarrierChoice.choose(
            rates: rates, priority: .high, promisedDeliveryDays: 3, costCeiling: ceiling, openBreakers: ["ups"])
        #expect(high == .selected(fedex))
        let medium = CarrierChoice.choose(
            rates: rates, priority: .medium, promisedDeliveryDays: 3, costCeiling: ceiling, openBreakers: ["USPS"])
        #expect(medium == .selected(fedex))
    }

    @Test func everyBreakerOpenGivesNoEligibleRateWithReasons() {
        let decision = CarrierChoice.choose(
            rates: rates, priority: .high, promisedDeliveryDays: 3, costCeiling: ceiling,
            openBreakers: ["USPS", "UPS", "FedEx"])
        #expect(decision.rate == nil)
        #expect(decision == .noEligibleRate(rates.map { RateRejection(rate: $0, reasons: [.breakerOpen]) }))
    }

    @Test func rejectionsListEveryReason() {
        let pricey = Rate(carrier: "UPS", service: "Ground", priceMinor: 2_000, currency: "USD", deliveryDays: 5)
        let euro = Rate(carrier: "DHL", service: "Parcel", priceMinor: 900, currency: "EUR", deliveryDays: 2)
        let vague = Rate(carrier: "USPS", service: "Media", priceMinor: 300, currency: "USD", deliveryDays: nil)
        let decision = CarrierChoice.choose(
            rates: [pricey, euro, vague], priority: .low, promisedDeliveryDays: 3, costCeiling: ceiling,
            openBreakers: ["ups"])
        #expect(
            decision
                == .noEligibleRate([
                    RateRejection(
                        rate: pricey,
                        reasons: [
                            .breakerOpen, .overCostCeiling, .slowerThanPromised(deliveryDays: 5, promisedDays: 3),
                        ]),
                    RateRejection(rate: euro, reasons: [.currencyMismatch]),
                    RateRejection(rate: vague, reasons: [.unknownDeliveryDays]),
                ]))
    }

    @Test func noRatesQuotedGivesAnEmptyRejectionList() {
        let decision = CarrierChoice.choose(
            rates: [], priority: .medium, promisedDeliveryDays: 3, costCeiling: ceiling, openBreakers: [])
        #expect(decision == .noEligibleRate([]))
    }

    @Test func ceilingIsInclusiveAndOptional() {
        let exact = CarrierChoice.choose(
            rates: [ups], priority: .high, promisedDeliveryDays: nil,
            costCeiling: Money(minorUnits: 1_200, currency: "USD"),
            openBreakers: [])
        #expect(exact == .selected(ups))
        let noPromiseNoCeiling = CarrierChoice.choose(
            rates: rates, priority: .low, promisedDeliveryDays: nil, costCeiling: nil, openBreakers: [])
        #expect(noPromiseNoCeiling == .selected(usps))
    }

    @Test func rateExposesItsPriceAsMoney() {
        #expect(fedex.price == Money(minorUnits: 1_150, currency: "USD"))
        #expect(fedex.price.decimalString == "11.50")
    }
}
