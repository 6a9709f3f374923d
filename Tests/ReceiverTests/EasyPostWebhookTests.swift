// POST /webhooks/easypost through the router against real PostgreSQL and Redis: scans become
// tracking_events rows once each, `delivered` enqueues the shipment's tracking-update job (a
// worker moves the order; the intake never does), and bad, unknown or unconfigured deliveries
// store nothing.

import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Queue
import Receiver
import Testing

@Suite struct EasyPostWebhookTests {
    @Test func deliveredTrackerStoresEveryScanAndEnqueuesTheOrdersUpdate() async throws {
        try await ReceiverFixture.with { fixture in
            let fixture = fixture.withEasyPost
            let seeded = try await fixture.seedShipment(trackingNumber: "EZ100")
            let body = Trackers.event(code: "EZ100", status: "delivered", scans: Trackers.deliveredScans)
            let response = try await fixture.application().test(.router) { try await deliverTracker($0, body) }
            #expect(response.status == .ok)
            #expect(
                try response.json
                    == [
                        "ok": .bool(true), "matched": .bool(true), "shipment_id": .number(Double(seeded.shipmentId)),
                        "stored": .number(3), "duplicates": .number(0), "order_state": .string("shipped"),
                    ])
            #expect(
                try await fixture.tracking(seeded)
                    == TrackingSnapshot(orderState: "shipped", version: 1, events: ["pre_transit", "in_transit", "delivered"]))
            let jobs = try await fixture.jobs()
            #expect(jobs.map(\.kind) == ["tracking-update"])
            #expect(jobs.first?.id == "trk-\(seeded.shipmentId)-delivered")
            #expect(jobs.first?.args == .object(["shipment_id": .number(Double(seeded.shipmentId))]))
        }
    }

    @Test func redeliveryAndCumulativeScansAddOnlyWhatIsNew() async throws {
        try await ReceiverFixture.with { fixture in
            let fixture = fixture.withEasyPost
            let seeded = try await fixture.seedShipment(trackingNumber: "EZ200")
            let early = Trackers.event(code: "EZ200", status: "in_transit", scans: Array(Trackers.deliveredScans.prefix(2)))
            let late = Trackers.event(code: "EZ200", status: "delivered", scans: Trackers.deliveredScans, id: "evt_2")
            let answers = try await fixture.application().test(.router) { client in
                [
                    try await deliverTracker(client, early), try await deliverTracker(client, early),
                    try await deliverTracker(client, late), try await deliverTracker(client, late),
                ]
            }
            #expect(answers.map(\.status) == [.ok, .ok, .ok, .ok])
            #expect(try answers.map { try $0.json["stored"] } == [.number(2), .number(0), .number(1), .number(0)])
            #expect(try answers.map { try $0.json["order_state"] } == Array(repeating: JSONValue.string("shipped"), count: 4))
            #expect(
                try await fixture.tracking(seeded)
                    == TrackingSnapshot(orderState: "shipped", version: 1, events: ["pre_transit", "in_transit", "delivered"]))
            let jobs = try await fixture.jobs()
            #expect(jobs.count == 2, "one per delivered delivery, none for in_transit")
            #expect(Set(jobs.map(\.id)) == ["trk-\(seeded.shipmentId)-delivered"], "a redelivery's job has the same id")
        }
    }

    @Test(arguments: ["shipped", "labelled", "cancelled"])
    func theIntakeNeverMovesAnOrder(_ state: String) async throws {
        try await ReceiverFixture.with { fixture in
            let fixture = fixture.withEasyPost
            let seeded = try await fixture.seedShipment(trackingNumber: "EZ300", state: state)
            let body = Trackers.event(code: "EZ300", status: "delivered", scans: Trackers.deliveredScans)
            let response = try await fixture.application().test(.router) { try await deliverTracker($0, body) }
            #expect(response.status == .ok)
            #expect(
                try await fixture.tracking(seeded)
                    == TrackingSnapshot(orderState: state, version: 1, events: ["pre_transit", "in_transit", "delivered"]))
        }
    }

    @Test func trackerWithoutScansStoresItsStatusOnce() async throws {
        try await ReceiverFixture.with { fixture in
            let fixture = fixture.withEasyPost
            let seeded = try await fixture.seedShipment(trackingNumber: "EZ400")
            let body = Trackers.event(code: "EZ400", status: "pre_transit", scans: [])
            let answers = try await fixture.application().test(.router) { client in
                [try await deliverTracker(client, body), try await deliverTracker(client, body)]
            }
            #expect(try answers.map { try $0.json["stored"] } == [.number(1), .number(0)])
            #expect(try await fixture.tracking(seeded).events == ["pre_transit"])
        }
    }

    @Test func theShipmentOfTheEventsCarrierWinsWhenCarriersShareANumber() async throws {
        try await ReceiverFixture.with { fixture in
            let fixture = fixture.withEasyPost
            let usps = try await fixture.seedShipment(trackingNumber: "1Z999", carrier: "USPS")
            let ups = try await fixture.seedShipment(trackingNumber: "1Z999", carrier: "UPS")
            let body = Trackers.event(code: "1Z999", status: "delivered", scans: Trackers.deliveredScans, carrier: "UPS")
            _ = try await fixture.application().test(.router) { try await deliverTracker($0, body) }
            #expect(try await fixture.tracking(ups).events == ["pre_transit", "in_transit", "delivered"])
            #expect(try await fixture.tracking(usps) == TrackingSnapshot(orderState: "shipped", version: 1, events: []))
            #expect(try await fixture.jobs().map(\.id) == ["trk-\(ups.shipmentId)-delivered"])
        }
    }

    @Test func unknownTrackingNumberIsAcknowledgedAndStoredNowhere() async throws {
        try await ReceiverFixture.with { fixture in
            let fixture = fixture.withEasyPost
            _ = try await fixture.seedShipment(trackingNumber: "EZ500")
            let body = Trackers.event(code: "NOT-OURS", status: "delivered", scans: Trackers.deliveredScans)
            let response = try await fixture.application().test(.router) { try await deliverTracker($0, body) }
            #expect(response.status == .ok)
            #expect(try response.json == ["ok": .bool(true), "matched": .bool(false)])
            #expect(try await fixture.trackingEventCount() == 0)
        }
    }

    @Test func otherEventsAreAcknowledgedAndIgnored() async throws {
        try await ReceiverFixture.with { fixture in
            let fixture = fixture.withEasyPost
            let body = #"{"id":"evt_9","object":"Event","description":"batch.created","result":{"id":"batch_1"}}"#
            let response = try await fixture.application().test(.router) { try await deliverTracker($0, body) }
            #expect(response.status == .ok)
            #expect(try response.json == ["ok": .bool(true), "ignored": .string("batch.created")])
        }
    }

    struct BadDelivery: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let body: String
        let headers: HTTPFields
        let status: HTTPResponse.Status
        let error: String
    }

    static let badDeliveries: [BadDelivery] = {
        let good = Trackers.event(code: "EZ600", status: "delivered", scans: Trackers.deliveredScans)
        func signed(_ label: String, _ body: String, _ error: String) -> BadDelivery {
            BadDelivery(testDescription: label, body: body, headers: Trackers.signed(body), status: .badRequest, error: error)
        }
        return [
            BadDelivery(
                testDescription: "no signature", body: good, headers: [:], status: .unauthorized,
                error: "missing signature: the X-Hmac-Signature header is required"),
            BadDelivery(
                testDescription: "signed with another secret", body: good,
                headers: [Trackers.header: EasyPostSignature(secret: "other").signature(for: Data(good.utf8))],
                status: .unauthorized, error: "invalid signature"),
            BadDelivery(
                testDescription: "signature of another body", body: good,
                headers: Trackers.signed(good.replacingOccurrences(of: "EZ600", with: "EZ601")), status: .unauthorized,
                error: "invalid signature"),
            BadDelivery(
                testDescription: "bare hex without the prefix", body: good,
                headers: [Trackers.header: String(Trackers.signature.signature(for: Data(good.utf8)).dropFirst(16))],
                status: .unauthorized, error: "invalid signature"),
            signed("malformed JSON", "{\"description\":", "malformed JSON: the body is not valid JSON"),
            signed("not an object", "[1,2]", "the body must be a JSON object"),
            signed("no description", #"{"result":{}}"#, "missing required field 'description'"),
            signed(
                "tracker without code", #"{"description":"tracker.updated","result":{"status":"delivered"}}"#,
                "missing required field 'result.tracking_code'"),
            signed(
                "scan without status",
                #"{"description":"tracker.updated","result":{"tracking_code":"EZ600","status":"delivered","tracking_details":[{"datetime":"2024-05-01T08:00:00Z"}]}}"#,
                "missing required field 'result.tracking_details[0].status'"),
        ]
    }()

    @Test(arguments: badDeliveries)
    func badDeliveriesStoreNothing(_ delivery: BadDelivery) async throws {
        try await ReceiverFixture.with { fixture in
            let fixture = fixture.withEasyPost
            let seeded = try await fixture.seedShipment(trackingNumber: "EZ600")
            let response = try await fixture.application().test(.router) {
                try await deliverTracker($0, delivery.body, headers: delivery.headers)
            }
            #expect(response.status == delivery.status)
            #expect(try response.json == ["error": .string(delivery.error)])
            #expect(try await fixture.trackingEventCount() == 0)
            #expect(try await fixture.tracking(seeded).orderState == "shipped")
        }
    }

    @Test func postgresDownAnswers503() async throws {
        try await ReceiverFixture.with { fixture in
            let body = Trackers.event(code: "EZ700", status: "delivered", scans: Trackers.deliveredScans)
            let response = try await fixture.withEasyPost.withPostgres(OutageTests.closedPostgres).application()
                .test(.router) { try await deliverTracker($0, body) }
            #expect(response.status == .serviceUnavailable)
            #expect(try response.json == ["error": .string("the event store is unavailable; deliver again later")])
        }
    }

    @Test func redisDownStoresTheScansAndAnswers503SoEasyPostDeliversAgain() async throws {
        try await ReceiverFixture.with { fixture in
            let fixture = fixture.withEasyPost
            let seeded = try await fixture.seedShipment(trackingNumber: "EZ900")
            let body = Trackers.event(code: "EZ900", status: "delivered", scans: Trackers.deliveredScans)
            let response = try await fixture.withRedis(OutageTests.closedRedis).application()
                .test(.router) { try await deliverTracker($0, body) }
            #expect(response.status == .serviceUnavailable)
            #expect(try response.json == ["error": .string("the job queue is unavailable; deliver again later")])
            #expect(try await fixture.tracking(seeded).events == ["pre_transit", "in_transit", "delivered"])
            let again = try await fixture.application().test(.router) { try await deliverTracker($0, body) }
            #expect(try again.json["duplicates"] == .number(3))
            #expect(try await fixture.jobs().map(\.kind) == ["tracking-update"])
        }
    }

    @Test func withoutASecretEveryDeliveryIs503() async throws {
        try await ReceiverFixture.with { fixture in
            let body = Trackers.event(code: "EZ800", status: "delivered", scans: Trackers.deliveredScans)
            let response = try await fixture.application().test(.router) { try await deliverTracker($0, body) }
            #expect(response.status == .serviceUnavailable)
            #expect(try await fixture.trackingEventCount() == 0)
        }
    }
}
