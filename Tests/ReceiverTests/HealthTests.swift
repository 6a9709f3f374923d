// /healthz answers while the process lives; /readyz follows PostgreSQL and only reports Redis.

import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct HealthTests {
    private func get(_ fixture: ReceiverFixture, _ path: String) async throws -> TestResponse {
        try await fixture.application().test(.router) { try await $0.execute(uri: path, method: .get) }
    }

    @Test func healthzIsAlwaysOK() async throws {
        try await ReceiverFixture.with { fixture in
            let response = try await get(fixture.withPostgres(OutageTests.closedPostgres), "/healthz")
            #expect(response.status == .ok)
            #expect(try response.json == ["status": .string("ok")])
        }
    }

    @Test func readyWhenBothAnswer() async throws {
        try await ReceiverFixture.with { fixture in
            let response = try await get(fixture, "/readyz")
            #expect(response.status == .ok)
            #expect(
                try response.json == ["status": .string("ready"), "postgres": .string("up"), "redis": .string("up")])
        }
    }

    @Test func unreadyWithoutPostgres() async throws {
        try await ReceiverFixture.with { fixture in
            let response = try await get(fixture.withPostgres(OutageTests.closedPostgres), "/readyz")
            #expect(response.status == .serviceUnavailable)
            #expect(
                try response.json
                    == ["status": .string("unavailable"), "postgres": .string("down"), "redis": .string("up")])
        }
    }

    @Test func stillReadyWithoutRedis() async throws {
        try await ReceiverFixture.with { fixture in
            let response = try await get(fixture.withRedis(OutageTests.closedRedis), "/readyz")
            #expect(response.status == .ok)
            #expect(
                try response.json == ["status": .string("ready"), "postgres": .string("up"), "redis": .string("down")])
        }
    }
}
