// Dependencies down: with Redis unreachable the event is still committed and acknowledged (the
// relay enqueues it later); with PostgreSQL unreachable nothing is acknowledged or enqueued.

import Foundation
import Hummingbird
import HummingbirdTesting
import Queue
import Redis
import Testing

@Suite struct OutageTests {
    static let closedPostgres = "postgres://postgres@127.0.0.1:1/creatorflow"
    static let closedRedis = RedisURL(host: "127.0.0.1", port: 1)

    @Test func redisDownStillAcknowledgesTheCommittedEvent() async throws {
        try await ReceiverFixture.with { fixture in
            let body = Webhooks.order()
            let response = try await fixture.withRedis(Self.closedRedis).application().test(.router) {
                try await deliver($0, body)
            }
            #expect(response.status == .ok)
            let events = try await fixture.events()
            try #require(events.count == 1)
            #expect(
                try response.json
                    == [
                        "ok": .bool(true), "event_id": .number(Double(events[0].id)),
                        "job_id": .string("evt-\(events[0].id)"), "enqueued": .bool(false),
                    ])
            #expect(events[0].rawBody == Data(body.utf8))
            #expect(events[0].processedAt == nil)
            #expect(try await fixture.jobs().isEmpty)
        }
    }

    @Test func postgresDownAnswers503AndEnqueuesNothing() async throws {
        try await ReceiverFixture.with { fixture in
            let response = try await fixture.withPostgres(Self.closedPostgres).application().test(.router) {
                try await deliver($0, Webhooks.order())
            }
            #expect(response.status == .serviceUnavailable)
            #expect(try response.json == ["error": .string("the event store is unavailable; deliver again later")])
            #expect(try await fixture.jobs().isEmpty)
            #expect(try await fixture.events().isEmpty)
        }
    }
}
