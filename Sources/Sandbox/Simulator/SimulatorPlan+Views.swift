// The views of each simulated SKU's videos: a steady rate, multiplied while a spike's view surge
// runs (from `view_lead_s` before the spike's orders rise until the spike ends) or a false alarm
// runs (views only). Surging views of a real spike click through 1.5× as often as organic ones,
// a false alarm's half as often: the engagement proxy is what tells them apart.

extension SimulatorPlan {
    /// The longest a spike's views may lead its orders: 2 simulated hours.
    public static let maxViewLeadS: Double = 7200

    /// Views of one SKU over some simulated time, and those views weighted by how well they click
    /// (1 for organic views); a video's clicks are `clickWeightedViews` × its click-through rate.
    public struct ViewFlow: Sendable, Equatable {
        public var views: Double
        public var clickWeightedViews: Double

        public init(views: Double, clickWeightedViews: Double) {
            self.views = views
            self.clickWeightedViews = clickWeightedViews
        }
    }

    /// Views per simulated second of `skuId` at `t` and their click weight; `leads` holds each
    /// spike's view lead, in the order of ``spikes``.
    public func viewRate(skuId: String, at t: Double, leads: [Double]) -> (perSecond: Double, clickWeight: Double) {
        guard let base = skus.first(where: { $0.skuId == skuId })?.baseViewsPerHour else { return (0, 1) }
        var strongest: (multiplier: Double, clickWeight: Double) = (1, 1)
        for (spike, lead) in zip(spikes, leads) where spike.skuId == skuId {
            if t >= spike.startAfterS - lead, t < spike.startAfterS + spike.durationS, spike.multiplier > strongest.multiplier {
                strongest = (spike.multiplier, 1.5)
            }
        }
        for surge in falseAlarms where surge.skuId == skuId && surge.covers(t) && surge.multiplier > strongest.multiplier {
            strongest = (surge.multiplier, 0.5)
        }
        return (base / 3600 * strongest.multiplier, strongest.clickWeight)
    }

    /// The views of `skuId` between simulated seconds `start` and `end`, integrated exactly across
    /// surge edges.
    public func expectedViews(skuId: String, from start: Double, to end: Double, leads: [Double]) -> ViewFlow {
        let spikeEdges = zip(spikes, leads).filter { $0.0.skuId == skuId }.flatMap { spike, lead in
            [spike.startAfterS - lead, spike.startAfterS + spike.durationS]
        }
        let alarmEdges = falseAlarms.filter { $0.skuId == skuId }.flatMap { [$0.startAfterS, $0.startAfterS + $0.durationS] }
        let edges = spikeEdges + alarmEdges
        let views = Self.integral(from: start, to: end, edges: edges) { viewRate(skuId: skuId, at: $0, leads: leads).perSecond }
        let weighted = Self.integral(from: start, to: end, edges: edges) {
            let rate = viewRate(skuId: skuId, at: $0, leads: leads)
            return rate.perSecond * rate.clickWeight
        }
        return ViewFlow(views: views, clickWeightedViews: weighted)
    }
}
