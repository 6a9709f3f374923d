// The shop simulator's content: views at a steady rate per SKU, a spike's views surging its
// `view_lead_s` before its orders, false alarms surging views with orders unchanged, the click
// weights that tell the two apart, plan validation, and a live run whose videos the control API
// shows with the rates the status reports.

import Foundation
import Sandbox
import Testing

@Suite struct SimulatorContentTests {
    static let plan = try! SimulatorPlan(
        skus: [
            .init(skuId: "viral", ordersPerHour: 36, viewsPerHour: 3600),
            .init(skuId: "alarm", ordersPerHour: 36, viewsPerHour: 3600), .init(skuId: "calm", ordersPerHour: 36),
        ],
        spikes: [.init(skuId: "viral", multiplier: 5, startAfterS: 7200, durationS: 3600, viewLeadS: 3600)],
        falseAlarms: [.init(skuId: "alarm", multiplier: 4, startAfterS: 3600, durationS: 3600)])
    static let leads = [3600.0]

    @Test func aSpikesViewsSurgeBeforeItsOrdersAndEndWithThem() {
        let plan = Self.plan
        let views = [0, 3599, 3600, 7199, 7200, 10799, 10800].map { plan.viewRate(skuId: "viral", at: $0, leads: Self.leads) }
        #expect(views.map(\.perSecond) == [1, 1, 5, 5, 5, 5, 1])
        #expect(views.map(\.clickWeight) == [1, 1, 1.5, 1.5, 1.5, 1.5, 1])
        #expect([3600, 7199, 7200].map { (plan.rate(skuId: "viral", at: $0) * 3600).rounded() } == [36, 36, 180], "orders rise at the spike")
    }

    @Test func aFalseAlarmSurgesViewsOnlyAndClicksLess() {
        let plan = Self.plan
        #expect([3599, 3600, 7199, 7200].map { plan.viewRate(skuId: "alarm", at: $0, leads: Self.leads).perSecond } == [1, 4, 4, 1])
        #expect(plan.viewRate(skuId: "alarm", at: 5000, leads: Self.leads).clickWeight == 0.5)
        #expect([0, 5000, 9000].allSatisfy { (plan.rate(skuId: "alarm", at: $0) * 3600).rounded() == 36 })
        #expect(plan.viewRate(skuId: "calm", at: 5000, leads: Self.leads).perSecond * 3600 == 3600, "100 views per order by default")
        #expect(plan.viewRate(skuId: "unknown", at: 5000, leads: Self.leads).perSecond == 0)
    }

    @Test func expectedViewsIntegrateAcrossSurgeEdges() {
        let flow = Self.plan.expectedViews(skuId: "viral", from: 3500, to: 3700, leads: Self.leads)
        #expect(flow == .init(views: 100 + 500, clickWeightedViews: 100 + 750))
        #expect(Self.plan.expectedViews(skuId: "alarm", from: 7100, to: 7100, leads: Self.leads).views == 0)
    }

    @Test func theJSONFormTakesTheContentFieldsAndOldPlansStillParse() throws {
        let plan = try SimulatorPlan.parse(
            Data(
                #"""
                {"skus":[{"sku_id":"a","orders_per_hour":1,"views_per_hour":50}],
                 "spikes":[{"sku_id":"a","multiplier":4,"start_after_s":10,"duration_s":20,"view_lead_s":600}],
                 "false_alarms":[{"sku_id":"a","multiplier":3,"start_after_s":100,"duration_s":5}]}
                """#.utf8))
        #expect(plan.skus[0].viewsPerHour == 50 && plan.spikes[0].viewLeadS == 600)
        #expect(plan.falseAlarms == [.init(skuId: "a", multiplier: 3, startAfterS: 100, durationS: 5)])
        let old = try SimulatorPlan.parse(Data(#"{"skus":[{"sku_id":"a","orders_per_hour":2}]}"#.utf8))
        #expect(old.falseAlarms.isEmpty && old.skus[0].viewsPerHour == nil && old.skus[0].baseViewsPerHour == 200)
    }

    @Test(arguments: [
        (#"{"skus":[{"sku_id":"a","orders_per_hour":1,"views_per_hour":-1}]}"#, "views_per_hour of a must be in [0, 1000000000]"),
        (
            #"{"skus":[{"sku_id":"a","orders_per_hour":1}],"spikes":[{"sku_id":"a","multiplier":3,"start_after_s":0,"duration_s":1,"view_lead_s":7201}]}"#,
            "spike view_lead_s must be in [0, 7200]"
        ),
        (
            #"{"skus":[{"sku_id":"a","orders_per_hour":1}],"false_alarms":[{"sku_id":"b","multiplier":3,"start_after_s":0,"duration_s":1}]}"#,
            "false alarm for unknown sku_id b"
        ),
        (
            #"{"skus":[{"sku_id":"a","orders_per_hour":1}],"false_alarms":[{"sku_id":"a","multiplier":2,"start_after_s":0,"duration_s":1}]}"#,
            "false alarm multiplier must be 3…10, got 2.0"
        ),
    ])
    func invalidContentFieldsAreRefused(json: String, message: String) {
        #expect(throws: SimulatorPlanError(message)) { try SimulatorPlan.parse(Data(json.utf8)) }
    }

    @Test func aLiveRunGivesEachSKUVideosWhoseViewsFollowThePlan() async throws {
        let server = try await SandboxServer.start(SandboxConfiguration(port: 0, webhookURL: nil))
        defer { Task { await server.stop() } }
        let control = Control(baseURL: server.baseURL)
        let plan = #"""
            {"skus": [{"sku_id": "viral", "orders_per_hour": 36, "views_per_hour": 3600},
                      {"sku_id": "alarm", "orders_per_hour": 36, "views_per_hour": 3600},
                      {"sku_id": "calm", "orders_per_hour": 36, "views_per_hour": 3600}],
             "spikes": [{"sku_id": "viral", "multiplier": 5, "start_after_s": 7200, "duration_s": 3600, "view_lead_s": 3600}],
             "false_alarms": [{"sku_id": "alarm", "multiplier": 5, "start_after_s": 3600, "duration_s": 3600}],
             "time_scale": 1000, "seed": 3}
            """#
        _ = try await control.call("POST", "/_sim/simulator", plan)
        var status: SimJSON = nil
        for _ in 0..<200 {
            try await Task.sleep(for: .milliseconds(50))
            status = try await control.call("GET", "/_sim/simulator")
            if (status["sim_elapsed_s"]?.double ?? 0) >= 4500 { break }
        }
        let stopped = try await control.call("DELETE", "/_sim/simulator")
        let elapsed = try #require(stopped["sim_elapsed_s"]?.double)
        try #require(elapsed >= 4500 && elapsed < 7200, "stopped inside the surge, before the spike's orders: \(elapsed)")
        let skus = Dictionary(uniqueKeysWithValues: (stopped["skus"]?.array ?? []).map { ($0["sku_id"]?.string ?? "", $0) })
        #expect(skus["viral"]?["current_views_per_hour"]?.double == 18000 && skus["viral"]?["spiking"] == .bool(false))
        #expect(skus["alarm"]?["current_views_per_hour"]?.double == 18000 && skus["alarm"]?["spiking"] == .bool(false))
        #expect(skus["calm"]?["current_views_per_hour"]?.double == 3600)
        #expect(stopped["spikes"]?.array?.first?["view_lead_s"]?.double == 3600)
        #expect(stopped["false_alarms"]?.array?.first?["active"] == .bool(true))

        var views: [String: Int64] = [:]
        for sku in ["viral", "alarm", "calm"] {
            let videos = try await control.call("GET", "/_sim/videos?sku_id=\(sku)")["videos"]?.array ?? []
            #expect(videos.count == 2)
            #expect(videos.allSatisfy { $0["products"]?.array?.first?["id"]?.string == "product-\(sku)" })
            views[sku] = videos.compactMap { $0["views"]?.int }.reduce(0, +)
        }
        // Views so far: 3600/h for the first simulated hour, then 5× for the rest.
        let expected = 3600 + 5 * (elapsed - 3600)
        #expect(abs(Double(views["viral"] ?? 0) - expected) <= 4, "viral \(views) vs \(expected)")
        #expect(abs(Double(views["calm"] ?? 0) - elapsed) <= 4, "calm \(views) vs \(elapsed)")
        #expect(views["alarm"] == views["viral"])
    }
}
