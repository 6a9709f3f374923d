// POST /webhooks/tiktok through the router, against real PostgreSQL and Redis: what is stored,
// what is enqueued, and the answer, for good, bad, duplicate, unknown and oversized deliveries.

import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Jobs
import Queue
import Store
import Testing

@Suite struct WebhookEndpointTests {
    @Test func orderWebhookIsStoredAndStartsOneClassifyJob() async throws {
        try await ReceiverFixture.with { fixture in
            let body = Webhooks.order()
            let response = try await fixture.application().test(.router) { try await deliver($0, body) }
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let events = try await fixture.events()
            try #require(events.count == 1)
            let event = events[0]
            #expect(
                try response.json
                    == [
                        "ok": .bool(true), "event_id": .number(Double(event.id)), "job_id": .string("evt-\(event.id)"),
                        "enqueued": .bool(true),
                    ])
            #expect(event.rawBody == Data(body.utf8))
            #expect(event.type == 1)
            #expect(event.notificationId == "7327112393057371910")
            #expect(event.shopId == "7494726673780148744")
            #expect(event.orderId == "576684019603311365")
            #expect(event.updateTime == 1_664_095_610)
            #expect(event.processedAt == nil)
            let jobs = try await fixture.jobs()
            try #require(jobs.count == 1)
            let job = jobs[0]
            #expect(job.id == "evt-\(event.id)")
            #expect(job.kind == "classify")
            #expect(job.queue == "default")
            #expect(job.maxAttempts == 7)
            #expect(job.correlation == "576684019603311365")
            #expect(
                try JobEnvelope.decodeArgs(ClassifyJob.self, from: job.encoded())
                    == ClassifyJob(
                        shopId: "7494726673780148744", orderId: "576684019603311365", eventId: event.id,
                        orderStatus: "AWAITING_SHIPMENT"))
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
        let order = Webhooks.order()
        func signed(_ label: String, _ body: String, _ error: String) -> BadDelivery {
            BadDelivery(
                testDescription: label, body: body, headers: Webhooks.signed(body), status: .badRequest, error: error)
        }
        return [
            BadDelivery(
                testDescription: "no signature", body: order, headers: [:], status: .unauthorized,
                error: "missing signature: the Authorization header is required"),
            BadDelivery(
                testDescription: "empty signature", body: order, headers: [.authorization: ""], status: .unauthorized,
                error: "missing signature: the Authorization header is required"),
            BadDelivery(
                testDescription: "wrong signature", body: order,
                headers: [.authorization: String(repeating: "0", count: 64)], status: .unauthorized,
                error: "invalid signature"),
            BadDelivery(
                testDescription: "signature of another body", body: order,
                headers: Webhooks.signed(Webhooks.order(notification: "other")), status: .unauthorized,
                error: "invalid signature"),
            BadDelivery(
                testDescription: "signed with another secret", body: order,
                headers: [
                    .authorization: Webhooks.otherSecret.signature(for: Data(order.utf8))
                ], status: .unauthorized, error: "invalid signature"),
            signed("malformed JSON", "{\"type\":1,", "malformed JSON: the body is not valid JSON"),
            signed("missing shop_id", #"{"type":1,"tts_notification_id":"n"}"#, "missing required field 'shop_id'"),
            signed(
                "missing notification id", Webhooks.referenceSample, "missing required field 'tts_notification_id'"),
            signed(
                "order event without order id",
                #"{"type":1,"tts_notification_id":"n","shop_id":"s","data":{"order_status":"UNPAID"}}"#,
                "missing required field 'data.order_id'"),
        ]
    }()

    @Test(arguments: badDeliveries)
    func badDeliveriesStoreAndEnqueueNothing(_ delivery: BadDelivery) async throws {
        try await ReceiverFixture.with { fixture in
            let response = try await fixture.application().test(.router) {
                try await deliver($0, delivery.body, headers: delivery.headers)
            }
            #expect(response.status == delivery.status)
            #expect(try response.json == ["error": .string(delivery.error)])
            #expect(try await fixture.events().isEmpty)
            #expect(try await fixture.jobs().isEmpty)
        }
    }

    @Test func redeliveryIsAcknowledgedAsDuplicateWithoutASecondJob() async throws {
        try await ReceiverFixture.with { fixture in
            let body = Webhooks.order()
            let (first, second) = try await fixture.application().test(.router) { client in
                (try await deliver(client, body), try await deliver(client, body))
            }
            #expect(first.status == .ok)
            #expect(second.status == .ok)
            #expect(try second.json == ["ok": .bool(true), "duplicate": .bool(true)])
            #expect(try await fixture.events().count == 1)
            #expect(try await fixture.jobs().count == 1)
        }
    }

    @Test func sameOrderUpdateUnderANewNotificationIdIsADuplicate() async throws {
        try await ReceiverFixture.with { fixture in
            let second = try await fixture.application().test(.router) { client in
                _ = try await deliver(client, Webhooks.order(notification: "first"))
                return try await deliver(client, Webhooks.order(notification: "second", status: "ON_HOLD"))
            }
            #expect(second.status == .ok)
            #expect(try second.json == ["ok": .bool(true), "duplicate": .bool(true)])
            #expect(try await fixture.events().map(\.notificationId) == ["first"])
            #expect(try await fixture.jobs().count == 1)
        }
    }

    @Test func laterUpdateOfTheSameOrderStartsAnotherJob() async throws {
        try await ReceiverFixture.with { fixture in
            _ = try await fixture.application().test(.router) { client in
                _ = try await deliver(client, Webhooks.order(notification: "first"))
                _ = try await deliver(client, Webhooks.order(notification: "second", updateTime: 1_664_095_700))
            }
            let events = try await fixture.events()
            #expect(events.count == 2)
            #expect(try await fixture.jobs().map(\.id) == events.map { "evt-\($0.id)" })
        }
    }

    @Test func concurrentRedeliveriesStoreAndEnqueueOnce() async throws {
        try await ReceiverFixture.with { fixture in
            let body = Webhooks.order()
            let answers = try await fixture.application().test(.router) { client in
                try await withThrowingTaskGroup(of: [String: JSONValue].self) { group in
                    for _ in 0..<8 { group.addTask { try await deliver(client, body).json } }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            #expect(answers.filter { $0["duplicate"] == .bool(true) }.count == 7)
            #expect(try await fixture.events().count == 1)
            #expect(try await fixture.jobs().count == 1)
        }
    }

    @Test(arguments: [999, 6, 4])
    func typesWithoutAJobAreStoredProcessed(type: Int) async throws {
        try await ReceiverFixture.with { fixture in
            let body = Webhooks.other(type: type)
            let response = try await fixture.application().test(.router) { try await deliver($0, body) }
            #expect(response.status == .ok)
            let events = try await fixture.events()
            try #require(events.count == 1)
            #expect(try response.json == ["ok": .bool(true), "event_id": .number(Double(events[0].id))])
            #expect(events[0].type == type)
            #expect(events[0].rawBody == Data(body.utf8))
            #expect(events[0].processedAt != nil)
            #expect(try await fixture.jobs().isEmpty)
        }
    }

    @Test func bodyAtTheCapIsAcceptedAndOverItIsRefused() async throws {
        try await ReceiverFixture.with { fixture in
            var fixture = fixture
            fixture.configuration.maxBodyBytes = 1024
            let (atCap, overCap) = try await fixture.application().test(.router) { client in
                (
                    try await deliver(client, Webhooks.order(size: 1024)),
                    try await deliver(client, Webhooks.order(size: 1025))
                )
            }
            #expect(atCap.status == .ok)
            #expect(overCap.status == .contentTooLarge)
            #expect(try overCap.json == ["error": .string("the body exceeds the limit of 1024 bytes")])
            #expect(try await fixture.events().map(\.notificationId) == ["7327112393057371910"])
            #expect(try await fixture.jobs().count == 1)
        }
    }

    @Test func unknownPathsAnswerJSON() async throws {
        try await ReceiverFixture.with { fixture in
            let response = try await fixture.application().test(.router) {
                try await $0.execute(uri: "/webhooks/other", method: .post)
            }
            #expect(response.status == .notFound)
            #expect(try response.json["error"] != nil)
        }
    }
}
