// The receiver over a real socket, fed by the sandbox's own webhook sender with its webhook faults
// switched on: a bad signature is refused and stores nothing, a duplicate delivery gives one event
// and one job, an older update delivered after a newer one loses neither; EasyPost tracker events
// from the sandbox deliver a shipped order, and a bad EasyPost signature stores nothing.

import Foundation
import Hummingbird
import HummingbirdTesting
import Sandbox
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite struct SandboxWebhookFaultTests {
    /// Runs a live receiver and a sandbox sending its webhooks there, then `body` with the sandbox.
    func withSandboxFeeding(
        _ fixture: ReceiverFixture, _ body: @escaping @Sendable (SandboxControl) async throws -> Void
    ) async throws {
        try await fixture.withEasyPost.application().test(.live) { client in
            let port = try #require(client.port)
            let server = try await SandboxServer.start(
                SandboxConfiguration(
                    port: 0, appKey: Webhooks.appKey, appSecret: Webhooks.appSecret,
                    easyPostWebhookSecret: Trackers.secret, webhookURL: "http://127.0.0.1:\(port)/webhooks/tiktok"))
            do {
                try await body(SandboxControl(baseURL: server.baseURL))
                await server.stop()
            } catch {
                await server.stop()
                throw error
            }
        }
    }

    @Test func badSignatureIsRefusedAndStoresNothing() async throws {
        try await ReceiverFixture.with { fixture in
            try await withSandboxFeeding(fixture) { sandbox in
                try await sandbox.call("POST", "/_sim/faults", #"{"kind":"webhook_bad_signature","count":1}"#)
                try await sandbox.call("POST", "/_sim/orders", #"{"count":1}"#)
                #expect(try await sandbox.deliveryStatuses() == [401])
                #expect(try await fixture.events().isEmpty)
                #expect(try await fixture.jobs().isEmpty)

                try await sandbox.call("POST", "/_sim/orders", #"{"count":1}"#)
                #expect(try await sandbox.deliveryStatuses() == [401, 200], "the fault fired once; the next is accepted")
                #expect(try await fixture.events().count == 1)
            }
        }
    }

    @Test func duplicateDeliveryGivesOneEventAndOneJob() async throws {
        try await ReceiverFixture.with { fixture in
            try await withSandboxFeeding(fixture) { sandbox in
                try await sandbox.call("POST", "/_sim/faults", #"{"kind":"webhook_duplicate","count":1}"#)
                let ids = try await sandbox.call("POST", "/_sim/orders", #"{"count":1}"#)["ids"]?.array ?? []
                let deliveries = try await sandbox.deliveries()
                #expect(deliveries.map { $0["status"]?.int } == [200, 200])
                #expect(Set(deliveries.compactMap { $0["body"]?.string }).count == 1, "the same body twice")
                let events = try await fixture.events()
                #expect(events.map(\.orderId) == ids.map(\.string))
                #expect(try await fixture.jobs().map(\.id) == events.map { "evt-\($0.id)" })
            }
        }
    }

    @Test func olderUpdateDeliveredAfterANewerOneLosesNeither() async throws {
        try await ReceiverFixture.with { fixture in
            try await withSandboxFeeding(fixture) { sandbox in
                try await sandbox.call("POST", "/_sim/faults", #"{"kind":"webhook_out_of_order","count":1}"#)
                let created = try await sandbox.call("POST", "/_sim/orders", #"{"count":1,"status":"UNPAID"}"#)
                let id = try #require(created["ids"]?.array?.first?.string)
                #expect(try await sandbox.deliveries().isEmpty, "the first webhook is held back")
                try await sandbox.call("POST", "/_sim/orders/\(id)/transition", #"{"to":"AWAITING_SHIPMENT"}"#)

                let sent = try await sandbox.deliveries().map { delivery in
                    let body = SimJSON.parse(Data((delivery["body"]?.string ?? "").utf8))
                    return (
                        status: delivery["status"]?.int, orderStatus: body?["data"]?["order_status"]?.string,
                        updateTime: body?["data"]?["update_time"]?.int ?? 0
                    )
                }
                try #require(sent.count == 2)
                #expect(sent.map(\.orderStatus) == ["AWAITING_SHIPMENT", "UNPAID"], "newer first, then the older")
                #expect(sent[0].updateTime > sent[1].updateTime)
                #expect(sent.map(\.status) == [200, 200])

                let events = try await fixture.events()
                #expect(events.map(\.updateTime) == sent.map(\.updateTime))
                #expect(Set(events.map(\.orderId)) == [id])
                #expect(try await fixture.jobs().map(\.id) == events.map { "evt-\($0.id)" })
            }
        }
    }

    @Test func sandboxTrackerEventsAreStoredAndEnqueueTheOrdersUpdate() async throws {
        try await ReceiverFixture.with { fixture in
            let seeded = try await fixture.seedShipment(trackingNumber: "EZSANDBOX1")
            try await withSandboxFeeding(fixture) { sandbox in
                try await sandbox.easyPost("/v2/trackers", #"{"tracker":{"tracking_code":"EZSANDBOX1","carrier":"USPS"}}"#)
                for _ in 0..<3 { try await sandbox.call("POST", "/_sim/trackers/EZSANDBOX1/advance") }
                #expect(try await sandbox.deliveryStatuses() == [200, 200, 200])
                #expect(
                    try await fixture.tracking(seeded)
                        == TrackingSnapshot(
                            orderState: "shipped", version: 1, events: ["in_transit", "out_for_delivery", "delivered"]))
                #expect(try await fixture.jobs().map(\.id) == ["trk-\(seeded.shipmentId)-delivered"], "a worker delivers it")
            }
        }
    }

    @Test func badEasyPostSignatureIsRefusedAndStoresNothing() async throws {
        try await ReceiverFixture.with { fixture in
            let seeded = try await fixture.seedShipment(trackingNumber: "EZSANDBOX2")
            try await withSandboxFeeding(fixture) { sandbox in
                try await sandbox.call("POST", "/_sim/faults", #"{"kind":"webhook_bad_signature","count":1}"#)
                try await sandbox.easyPost("/v2/trackers", #"{"tracker":{"tracking_code":"EZSANDBOX2","carrier":"USPS"}}"#)
                try await sandbox.call("POST", "/_sim/trackers/EZSANDBOX2/advance")
                #expect(try await sandbox.deliveryStatuses() == [401])
                #expect(try await fixture.trackingEventCount() == 0)
                #expect(try await fixture.tracking(seeded).orderState == "shipped")
            }
        }
    }
}

/// Control and EasyPost calls to a running sandbox over HTTP.
struct SandboxControl: Sendable {
    let baseURL: String

    /// `method path` with a JSON body; the JSON answer.
    @discardableResult
    func call(_ method: String, _ path: String, _ body: String? = nil) async throws -> SimJSON {
        try await send(method, path, body, headers: [:])
    }

    /// An authorised EasyPost call (the sandbox's default key).
    @discardableResult
    func easyPost(_ path: String, _ body: String) async throws -> SimJSON {
        let basic = "Basic " + Data("sandbox-easypost-key:".utf8).base64EncodedString()
        return try await send("POST", path, body, headers: ["Authorization": basic])
    }

    /// Every webhook the sandbox sent, oldest first.
    func deliveries() async throws -> [SimJSON] {
        try await call("GET", "/_sim/webhooks/deliveries")["deliveries"]?.array ?? []
    }

    /// The receiver's answer to each webhook, oldest first.
    func deliveryStatuses() async throws -> [Int64?] {
        try await deliveries().map { $0["status"]?.int }
    }

    private func send(_ method: String, _ path: String, _ body: String?, headers: [String: String]) async throws -> SimJSON {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.httpMethod = method
        request.httpBody = body.map { Data($0.utf8) }
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw SandboxCallError(description: "\(method) \(path) → \(status): \(String(decoding: data, as: UTF8.self))")
        }
        return SimJSON.parse(data) ?? .null
    }
}

struct SandboxCallError: Error, CustomStringConvertible {
    let description: String
}
