import Domain
import Testing

@Suite struct ReplenishmentPlannerTests {
    /// A week of steady hours: `rate` units/h and `views` views/h, the last hour at 23:00.
    func steadyHistory(
        rate: Double = 4, views: Double? = 8000, closingStock: [Double] = [], hours: Int = 168
    ) -> HourlyDemandHistory {
        HourlyDemandHistory(
            sales: Array(repeating: rate, count: hours), closingStock: closingStock,
            views: views.map { Array(repeating: $0, count: hours) } ?? [], hourOfDayOfLast: 23)
    }

    /// `history` with its last hours replaced by `sales` and (when given) `views`.
    func withLastHours(_ history: HourlyDemandHistory, sales: [Double], views: [Double]? = nil) -> HourlyDemandHistory {
        var changed = history
        changed.sales.replaceSubrange((history.sales.count - sales.count)..., with: sales)
        if let views {
            changed.views.replaceSubrange((history.views.count - views.count)..., with: views)
        }
        return changed
    }

    func plan(_ history: HourlyDemandHistory, onHand: Double, onOrder: Double = 0) -> ReplenishmentPlan {
        ReplenishmentPlanner.plan(history: history, position: StockPosition(onHand: onHand, onOrder: onOrder))
    }

    @Test func steadyDemandOrdersStandardUpToOneLevel() {
        let history = steadyHistory()
        let low = plan(history, onHand: 100, onOrder: 200)
        #expect(low.outlook.evidence == .quiet)
        #expect(abs(low.outlook.baselineRate - 4) < 0.01)
        #expect(low.express == false)
        #expect(low.quantity > 0)

        // The order-up-to level: standard lead time plus cover (60…200 h) of baseline demand.
        let level = 300 + Double(low.quantity)
        #expect(level > 4 * (72 + 60))
        #expect(level < 4 * (72 + 200))

        let deeper = plan(history, onHand: 50)
        #expect(50 + Double(deeper.quantity) == level)
        #expect(plan(history, onHand: level - 5).quantity == 5)
        #expect(plan(history, onHand: level).quantity == 0)
        #expect(plan(history, onHand: level + 100).quantity == 0)
    }

    @Test func confirmedSpikeWithLittleStockOrdersExpress() {
        let spike = withLastHours(steadyHistory(), sales: [28, 30, 32], views: [400_000, 400_000, 400_000])
        let result = plan(spike, onHand: 20)
        #expect(result.outlook.evidence == .confirmed)
        #expect(result.outlook.isViral)
        #expect(result.outlook.surgeMultiplier > 5)
        #expect(result.outlook.viralScore > 50)
        #expect(result.express)
        #expect(result.quantity > 24 * 4)
    }

    @Test func confirmedSpikeWithAmpleStockBuysNoExpress() {
        let spike = withLastHours(steadyHistory(), sales: [28, 30, 32], views: [400_000, 400_000, 400_000])
        let result = plan(spike, onHand: 5000)
        #expect(result.outlook.evidence == .confirmed)
        #expect(result.express == false)
        #expect(result.quantity == 0)
    }

    @Test func contentOnlySurgeBuysNoMoreThanSteadyDemand() {
        let steady = steadyHistory()
        let falseAlarm = withLastHours(steady, sales: [4, 4, 4], views: [400_000, 400_000, 400_000])
        for onHand in [0.0, 20, 400, 700] {
            let alarm = plan(falseAlarm, onHand: onHand)
            #expect(alarm.outlook.evidence == .contentOnly)
            #expect(alarm.outlook.isViral == false)
            #expect(alarm.outlook.viralScore > 50)
            #expect(alarm.express == false)
            #expect(alarm.quantity <= plan(steady, onHand: onHand).quantity)
        }
    }

    @Test func emptyContentFallsBackToSales() {
        let history = steadyHistory(views: nil)
        let quiet = plan(history, onHand: 100)
        #expect(quiet.outlook.evidence == .quiet)
        #expect(abs(quiet.outlook.baselineRate - 4) < 0.01)
        #expect(quiet.quantity == plan(steadyHistory(), onHand: 100).quantity)

        let spike = plan(withLastHours(history, sales: [30, 30, 30]), onHand: 20)
        #expect(spike.outlook.evidence == .salesOnly)
        #expect(spike.express)
        #expect(spike.quantity > 0)
    }

    @Test func censoredHoursDoNotDragTheBaseline() {
        // Every day sells out at noon: 12 h at 4/h, then 12 h with no stock and no sales.
        let sales = (0..<168).map { $0 % 24 < 12 ? 4.0 : 0 }
        let closing = (0..<168).map { $0 % 24 < 12 ? 50.0 : 0 }
        let views = Array(repeating: 8000.0, count: 168)
        let known = HourlyDemandHistory(sales: sales, closingStock: closing, views: views, hourOfDayOfLast: 23)
        let unknown = HourlyDemandHistory(sales: sales, views: views, hourOfDayOfLast: 23)
        #expect(abs(plan(known, onHand: 0).outlook.baselineRate - 4) < 0.01)
        #expect(abs(plan(unknown, onHand: 0).outlook.baselineRate - 2) < 0.05, "the newest hours wait to be judged as a surge or not")
    }

    @Test func negativeAndNonFiniteInputsCountAsZero() {
        let history = HourlyDemandHistory(
            sales: [-3, .nan, 5], closingStock: [.infinity, -1, 2], views: [.nan, -8, 10], hourOfDayOfLast: -1)
        #expect(history.sales == [0, 0, 5])
        #expect(history.closingStock == [0, 0, 2])
        #expect(history.views == [0, 0, 10])
        #expect(history.hourOfDayOfLast == 23)

        let position = StockPosition(onHand: -5, onOrder: .nan, arrivals: [-1, .infinity, 2])
        #expect(position == StockPosition(onHand: 0, onOrder: 0, arrivals: [0, 0, 2]))

        var zeroed = steadyHistory()
        zeroed.sales[10] = 0
        zeroed.views[20] = 0
        var dirty = steadyHistory()
        dirty.sales[10] = -7
        dirty.views[20] = .nan
        let expected = plan(zeroed, onHand: 0)
        #expect(plan(dirty, onHand: -40, onOrder: .nan) == expected)
        dirty.sales[10] = .infinity
        #expect(plan(dirty, onHand: 0) == expected)
    }

    @Test func emptyHistoryOrdersNothing() {
        let result = ReplenishmentPlanner.plan(
            history: HourlyDemandHistory(sales: [], hourOfDayOfLast: 0), position: StockPosition(onHand: 0, onOrder: 0))
        #expect(result.quantity == 0)
        #expect(result.express == false)
        #expect(result.outlook.baselineRate == 0)
    }
}
