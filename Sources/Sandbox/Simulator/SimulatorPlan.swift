// What the shop simulator generates: steady order rates per SKU, viral spikes that multiply one
// SKU's rate 3–10× for a while, and a time scale that compresses simulated hours into real
// seconds for demos. All times in the plan are simulated seconds. Content (the videos' views,
// see SimulatorPlan+Views.swift) is optional: each SKU's views run at `views_per_hour`, a spike's
// views surge `view_lead_s` before its orders do, and `false_alarms` surge views alone.
//
//   {"skus": [{"sku_id": "sku-1", "orders_per_hour": 120, "views_per_hour": 12000}],
//    "spikes": [{"sku_id": "sku-1", "multiplier": 5, "start_after_s": 3600, "duration_s": 7200, "view_lead_s": 1800}],
//    "false_alarms": [{"sku_id": "sku-1", "multiplier": 4, "start_after_s": 20000, "duration_s": 3600}],
//    "time_scale": 60}

import Foundation

/// A validated simulator configuration (`POST /_sim/simulator`, `--simulate FILE`).
public struct SimulatorPlan: Sendable, Codable, Equatable {
    /// A steady Poisson order rate for one SKU.
    public struct SKURate: Sendable, Codable, Equatable {
        public var skuId: String
        public var ordersPerHour: Double
        /// The views per hour of the SKU's videos outside surges; `nil` is 100 per order per hour.
        public var viewsPerHour: Double?

        public init(skuId: String, ordersPerHour: Double, viewsPerHour: Double? = nil) {
            self.skuId = skuId
            self.ordersPerHour = ordersPerHour
            self.viewsPerHour = viewsPerHour
        }

        /// ``viewsPerHour`` or its default.
        public var baseViewsPerHour: Double { viewsPerHour ?? ordersPerHour * 100 }
    }

    /// A viral spike: `multiplier` × the SKU's rate from `startAfterS` for `durationS` (simulated).
    public struct Spike: Sendable, Codable, Equatable {
        public var skuId: String
        public var multiplier: Double
        public var startAfterS: Double
        public var durationS: Double
        /// How long before the orders the views surge (0…7200 simulated seconds); `nil` draws it
        /// from the run's seed.
        public var viewLeadS: Double?

        public init(skuId: String, multiplier: Double, startAfterS: Double, durationS: Double, viewLeadS: Double? = nil) {
            self.skuId = skuId
            self.multiplier = multiplier
            self.startAfterS = startAfterS
            self.durationS = durationS
            self.viewLeadS = viewLeadS
        }

        /// Whether simulated second `t` lies in the spike.
        func covers(_ t: Double) -> Bool { t >= startAfterS && t < startAfterS + durationS }
    }

    /// A false alarm: `multiplier` × the SKU's views from `startAfterS` for `durationS`, orders unchanged.
    public struct ViewSurge: Sendable, Codable, Equatable {
        public var skuId: String
        public var multiplier: Double
        public var startAfterS: Double
        public var durationS: Double

        public init(skuId: String, multiplier: Double, startAfterS: Double, durationS: Double) {
            self.skuId = skuId
            self.multiplier = multiplier
            self.startAfterS = startAfterS
            self.durationS = durationS
        }

        /// Whether simulated second `t` lies in the surge.
        func covers(_ t: Double) -> Bool { t >= startAfterS && t < startAfterS + durationS }
    }

    public var skus: [SKURate]
    public var spikes: [Spike]
    /// View surges without any change in orders.
    public var falseAlarms: [ViewSurge]
    /// Simulated seconds per real second (1 = real time; 60 = an hour a minute).
    public var timeScale: Double

    /// The allowed spike multipliers (the spec's viral spikes: 3–10×).
    public static let multipliers: ClosedRange<Double> = 3...10

    public init(
        skus: [SKURate], spikes: [Spike] = [], falseAlarms: [ViewSurge] = [], timeScale: Double = 1
    ) throws(SimulatorPlanError) {
        self.skus = skus
        self.spikes = spikes
        self.falseAlarms = falseAlarms
        self.timeScale = timeScale
        try validate()
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        skus = try container.decode([SKURate].self, forKey: .skus)
        spikes = try container.decodeIfPresent([Spike].self, forKey: .spikes) ?? []
        falseAlarms = try container.decodeIfPresent([ViewSurge].self, forKey: .falseAlarms) ?? []
        timeScale = try container.decodeIfPresent(Double.self, forKey: .timeScale) ?? 1
        try validate()
    }

    /// Parses the JSON form (snake_case keys, as in the header comment).
    public static func parse(_ json: Data) throws -> SimulatorPlan {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(SimulatorPlan.self, from: json)
    }

    /// Orders per simulated second for `skuId` at simulated second `t` (spikes multiply; overlapping
    /// spikes use the largest multiplier).
    public func rate(skuId: String, at t: Double) -> Double {
        guard let base = skus.first(where: { $0.skuId == skuId })?.ordersPerHour else { return 0 }
        let multiplier = spikes.filter { $0.skuId == skuId && $0.covers(t) }.map(\.multiplier).max() ?? 1
        return base / 3600 * multiplier
    }

    /// The expected number of orders for `skuId` between simulated seconds `start` and `end`: the
    /// rate integrated exactly across spike boundaries.
    public func expectedOrders(skuId: String, from start: Double, to end: Double) -> Double {
        guard end > start else { return 0 }
        let edges = spikes.filter { $0.skuId == skuId }.flatMap { [$0.startAfterS, $0.startAfterS + $0.durationS] }
        return Self.integral(from: start, to: end, edges: edges) { rate(skuId: skuId, at: $0) }
    }

    /// The integral of `rate` over `[start, end]`, for a rate that is constant between `edges`.
    static func integral(from start: Double, to end: Double, edges: [Double], of rate: (Double) -> Double) -> Double {
        guard end > start else { return 0 }
        let cuts = ([start, end] + edges.filter { $0 > start && $0 < end }).sorted()
        return zip(cuts, cuts.dropFirst()).reduce(0) { total, piece in
            total + rate((piece.0 + piece.1) / 2) * (piece.1 - piece.0)
        }
    }

    private func validate() throws(SimulatorPlanError) {
        guard !skus.isEmpty else { throw SimulatorPlanError("skus must list at least one SKU") }
        guard timeScale > 0, timeScale <= 86_400 else { throw SimulatorPlanError("time_scale must be in (0, 86400]") }
        var seen = Set<String>()
        for sku in skus {
            guard !sku.skuId.isEmpty else { throw SimulatorPlanError("every SKU needs a sku_id") }
            guard seen.insert(sku.skuId).inserted else { throw SimulatorPlanError("sku_id \(sku.skuId) is listed twice") }
            guard sku.ordersPerHour >= 0, sku.ordersPerHour <= 1_000_000 else {
                throw SimulatorPlanError("orders_per_hour of \(sku.skuId) must be in [0, 1000000]")
            }
            guard sku.viewsPerHour.map({ $0 >= 0 && $0 <= 1_000_000_000 }) ?? true else {
                throw SimulatorPlanError("views_per_hour of \(sku.skuId) must be in [0, 1000000000]")
            }
        }
        for spike in spikes {
            try Self.validateSurge(
                "spike", skuId: spike.skuId, multiplier: spike.multiplier, startAfterS: spike.startAfterS,
                durationS: spike.durationS, skus: seen)
            guard spike.viewLeadS.map({ (0...Self.maxViewLeadS).contains($0) }) ?? true else {
                throw SimulatorPlanError("spike view_lead_s must be in [0, 7200]")
            }
        }
        for surge in falseAlarms {
            try Self.validateSurge(
                "false alarm", skuId: surge.skuId, multiplier: surge.multiplier, startAfterS: surge.startAfterS,
                durationS: surge.durationS, skus: seen)
        }
    }

    /// Checks a spike or false alarm (`what` names it in the message).
    private static func validateSurge(
        _ what: String, skuId: String, multiplier: Double, startAfterS: Double, durationS: Double, skus: Set<String>
    ) throws(SimulatorPlanError) {
        guard skus.contains(skuId) else { throw SimulatorPlanError("\(what) for unknown sku_id \(skuId)") }
        guard multipliers.contains(multiplier) else {
            throw SimulatorPlanError("\(what) multiplier must be 3…10, got \(multiplier)")
        }
        guard startAfterS >= 0, durationS > 0 else {
            throw SimulatorPlanError("\(what) start_after_s must be ≥ 0 and duration_s > 0")
        }
    }
}

/// A simulator plan that cannot run; the message names the field.
public struct SimulatorPlanError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
