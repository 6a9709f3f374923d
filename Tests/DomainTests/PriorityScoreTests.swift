import Domain
import Testing

@Suite struct PriorityScoreTests {
    @Test func lowestFactorsScoreOne() {
        let score = PriorityScore(PriorityFactors())
        #expect(score.value == 1)
        #expect(score.priority == .low)
        #expect(score.queue == "low")
    }

    @Test func highestFactorsScoreOneHundred() {
        let score = PriorityScore(
            PriorityFactors(
                creatorVelocityMultiplier: 5, productDemandScore: 100, customerTier: .vip, inventoryUrgency: 1,
                shippingComplexity: 1))
        #expect(score.value == 100)
        #expect(score.priority == .high)
        #expect(score.queue == "critical")
    }

    @Test func eachFactorContributesItsDocumentedWeight() {
        // 1 + round(99 × weight) for one factor at its maximum and the rest at their minimum.
        #expect(PriorityScore(PriorityFactors(creatorVelocityMultiplier: 5)).value == 1 + 40)  // 39.6
        #expect(PriorityScore(PriorityFactors(productDemandScore: 100)).value == 1 + 25)  // 24.75
        #expect(PriorityScore(PriorityFactors(inventoryUrgency: 1)).value == 1 + 20)  // 19.8
        #expect(PriorityScore(PriorityFactors(customerTier: .vip)).value == 1 + 10)  // 9.9
        #expect(PriorityScore(PriorityFactors(customerTier: .repeatCustomer)).value == 1 + 5)  // 4.95
        #expect(PriorityScore(PriorityFactors(shippingComplexity: 1)).value == 1 + 5)  // 4.95
        #expect(PriorityScore(PriorityFactors(creatorVelocityMultiplier: 3)).value == 1 + 20)  // 19.8
    }

    @Test func viralOrderIsHighWhateverTheCustomer() {
        let score = PriorityScore(PriorityFactors(creatorVelocityMultiplier: 5, productDemandScore: 80))
        #expect(score.value == 60)
        #expect(score.priority == .high)
    }

    @Test func outOfRangeFactorsAreClamped() {
        let wild = PriorityScore(
            PriorityFactors(
                creatorVelocityMultiplier: 50, productDemandScore: 1_000, customerTier: .new, inventoryUrgency: 7,
                shippingComplexity: -3))
        let clamped = PriorityScore(
            PriorityFactors(creatorVelocityMultiplier: 5, productDemandScore: 100, inventoryUrgency: 1))
        #expect(wild == clamped)
        #expect(PriorityScore(PriorityFactors(creatorVelocityMultiplier: 0.2, productDemandScore: -40)).value == 1)
    }

    @Test func nonFiniteFactorsCountAsLowest() {
        let score = PriorityScore(
            PriorityFactors(
                creatorVelocityMultiplier: .nan, productDemandScore: .nan, inventoryUrgency: .nan,
                shippingComplexity: .infinity))
        #expect(score.value == 1 + 5)  // only complexity (+∞ → 1) counts
    }

    @Test func clampingInitialiserKeepsOneToOneHundred() {
        #expect(PriorityScore(clamping: 0).value == 1)
        #expect(PriorityScore(clamping: -7).value == 1)
        #expect(PriorityScore(clamping: 1).value == 1)
        #expect(PriorityScore(clamping: 100).value == 100)
        #expect(PriorityScore(clamping: 101).value == 100)
        #expect(PriorityScore(clamping: 30) < PriorityScore(clamping: 31))
    }

    @Test func priorityBoundaries() {
        let cases: [(Int, Priority)] = [
            (1, .low), (29, .low), (30, .medium), (59, .medium), (60, .high), (100, .high),
        ]
        for (value, expected) in cases {
            #expect(PriorityScore(clamping: value).priority == expected, "score \(value)")
        }
    }

    @Test func queuesPerPriority() {
        #expect(Priority.high.queue == "critical")
        #expect(Priority.medium.queue == "default")
        #expect(Priority.low.queue == "low")
        #expect(Priority.allCases.map(\.rawValue) == ["HIGH", "MEDIUM", "LOW"])
    }

    @Test func tierCutOffsFromOrderHistory() {
        #expect(CustomerTier(previousOrders: -1) == .new)
        #expect(CustomerTier(previousOrders: 0) == .new)
        #expect(CustomerTier(previousOrders: 1) == .repeatCustomer)
        #expect(CustomerTier(previousOrders: 4) == .repeatCustomer)
        #expect(CustomerTier(previousOrders: 5) == .vip)
        #expect(CustomerTier(previousOrders: 500) == .vip)
        #expect(CustomerTier.allCases.map(\.rawValue) == ["NEW", "REPEAT", "VIP"])
        #expect(CustomerTier.allCases.map(\.weight) == [0, 0.5, 1])
    }

    @Test func betterTierNeverLowersTheScore() {
        let base = PriorityFactors(creatorVelocityMultiplier: 2, productDemandScore: 40, inventoryUrgency: 0.3)
        var scores: [Int] = []
        for tier in CustomerTier.allCases {
            var factors = base
            factors.customerTier = tier
            scores.append(PriorityScore(factors).value)
        }
        #expect(scores == scores.sorted())
        #expect(scores.first! < scores.last!)
    }

    @Test func inventoryUrgencyFromHoursOfStock() {
        #expect(PriorityFactors.inventoryUrgency(hoursOfStock: nil) == 0)
        #expect(PriorityFactors.inventoryUrgency(hoursOfStock: .nan) == 0)
        #expect(PriorityFactors.inventoryUrgency(hoursOfStock: 0) == 1)
        #expect(PriorityFactors.inventoryUrgency(hoursOfStock: 6) == 1)
        #expect(PriorityFactors.inventoryUrgency(hoursOfStock: 15) == 0.5)
        #expect(PriorityFactors.inventoryUrgency(hoursOfStock: 24) == 0)
        #expect(PriorityFactors.inventoryUrgency(hoursOfStock: 100) == 0)
    }
}
