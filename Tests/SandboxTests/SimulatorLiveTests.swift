// The shop simulator in a running sandbox, driven over HTTP: orders arrive at about the configured
// rate (measured against the simulated time the sandbox reports, so a slow machine changes the
// count but not the check), a spike multiplies its SKU's rate, every order gets a signed webhook
// like `POST /_sim/orders` sends, and DELETE stops the flow.

import Crypto
import Foundation
import Sandbox
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite struct SimulatorLiveTests {
    static let appKey = "sim-app-key"
    static let appSecret = "sim-app-secret"

    @Test func ordersArriveAtTheConfiguredRateAndASpikeMultipliesIt() async throws {
        let sink = try await SandboxServer.start(SandboxConfiguration(port: 0, webhookURL: nil))
        let server = try await SandboxServer.start(
            SandboxConfiguration(
                port: 0, appKey: Self.appKey, appSecret: Self.appSecret, webhookURL: sink.baseURL + "/webhooks/tiktok"))
        defer { Task { await server.stop(); await sink.stop() } }
        let control = Control(baseURL: server.baseURL)

        let plan = #"""
            {"skus": [{"sku_id": "steady", "orders_per_hour": 3600}, {"sku_id": "viral", "orders_per_hour": 3600}],
             "spikes": [{"sku_id": "viral", "multiplier": 5, "start_after_s": 0, "duration_s": 1000000}],
             "time_scale": 20, "seed": 7}
            """#
        let started = try await control.call("POST", "/_sim/simulator", plan)
        #expect(started["running"] == .bool(true))

        var status: SimJSON = nil
        for _ in 0..<300 {
            try await Task.sleep(for: .milliseconds(100))
            status = try await control.call("GET", "/_sim/simulator")
            if (status["sim_elapsed_s"]?.double ?? 0) >= 60 { break }
        }
        let stopped = try await control.call("DELETE", "/_sim/simulator")
        #expect(stopped["running"] == .bool(false))

        let simulated = try #require(stopped["sim_elapsed_s"]?.double)
        #expect(simulated >= 60, "the simulation advanced: \(status)")
        let orders = Dictionary(
            uniqueKeysWithValues: (stopped["skus"]?.array ?? []).map { ($0["sku_id"]?.string ?? "", $0["orders"]?.int ?? 0) })
        let steady = Double(orders["steady"] ?? 0)
        let viral = Double(orders["viral"] ?? 0)
        // 3600/h is one order per simulated second; the spike makes it five.
        #expect(steady > 0.6 * simulated && steady < 1.4 * simulated, "steady \(steady) in \(simulated) s")
        #expect(viral > 3 * 0.6 * simulated && viral < 7 * 1.4 * simulated, "viral \(viral) in \(simulated) s")
        #expect(viral / steady > 3 && viral / steady < 8, "spike ratio \(viral / steady)")
        #expect(stopped["orders_created"]?.int == Int64(steady + viral))

        let total = Int(steady + viral)
        var deliveries: [SimJSON] = []
        for _ in 0..<100 {
            deliveries = try await control.call("GET", "/_sim/webhooks/deliveries")["deliveries"]?.array ?? []
            if deliveries.count >= total { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(deliveries.count == total, "one webhook per order")
        #expect(deliveries.allSatisfy { Self.isSigned($0) }, "signed as TikTok signs")
        let skus = try await deliveries.prefix(20).asyncMap { delivery -> String? in
            let body = SimJSON.parse(Data((delivery["body"]?.string ?? "").utf8))
            let id = body?["data"]?["order_id"]?.string ?? ""
            let order = try await control.call("GET", "/_sim/orders/\(id)")
            #expect(order["status"] == "AWAITING_SHIPMENT")
            return order["line_items"]?.array?.first?["sku_id"]?.string
        }
        #expect(Set(skus.compactMap { $0 }).isSubset(of: ["steady", "viral"]))
        #expect(skus.allSatisfy { $0 != nil })

        try await Task.sleep(for: .milliseconds(400))
        #expect(try await control.call("GET", "/_sim/simulator")["orders_created"] == stopped["orders_created"], "stopped")
    }

    @Test func anInvalidPlanIsRefusedWithItsReason() async throws {
        let server = try await SandboxServer.start(SandboxConfiguration(port: 0, webhookURL: nil))
        defer { Task { await server.stop() } }
        let control = Control(baseURL: server.baseURL)
        let (status, answer) = try await control.raw(
            "POST", "/_sim/simulator",
            #"{"skus":[{"sku_id":"a","orders_per_hour":10}],"spikes":[{"sku_id":"a","multiplier":20,"start_after_s":0,"duration_s":5}]}"#)
        #expect(status == 400)
        #expect(answer["error"] == "spike multiplier must be 3…10, got 20.0")
        #expect(try await control.call("GET", "/_sim/simulator") == ["running": false])
    }

    static func isSigned(_ delivery: SimJSON) -> Bool {
        let body = Data((delivery["body"]?.string ?? "").utf8)
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data(appKey.utf8) + body, using: SymmetricKey(data: Data(appSecret.utf8)))
        return delivery["headers"]?["Authorization"]?.string == mac.map { String(format: "%02x", $0) }.joined()
    }
}

/// Control calls to a sandbox over HTTP.
struct Control: Sendable {
    let baseURL: String

    /// The JSON answer of `method path`; fails on a non-2xx answer.
    func call(_ method: String, _ path: String, _ body: String? = nil) async throws -> SimJSON {
        let (status, answer) = try await raw(method, path, body)
        guard (200..<300).contains(status) else { throw ControlError(description: "\(method) \(path) → \(status): \(answer)") }
        return answer
    }

    /// The status and JSON answer of `method path`.
    func raw(_ method: String, _ path: String, _ body: String? = nil) async throws -> (Int, SimJSON) {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.httpMethod = method
        request.httpBody = body.map { Data($0.utf8) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, SimJSON.parse(data) ?? .null)
    }
}

struct ControlError: Error, CustomStringConvertible {
    let description: String
}

extension Sequence {
    /// `map` with an async transform, in order.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
