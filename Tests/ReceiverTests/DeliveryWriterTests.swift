// The intake's writer against real PostgreSQL and Redis: deliveries that wait together are
// stored by one statement in one transaction, each answered with its own event and job, and a
// delivery PostgreSQL refuses (a type beyond its integer column) fails alone while the rest of
// its batch is stored.

import Dispatch
import Foundation
import Queue
@testable import Receiver
import Store
import Testing

@Suite struct DeliveryWriterTests {
    private func row(_ index: Int, type: Int = 1) -> NewWebhookEvent {
        NewWebhookEvent(
            notificationId: "n-\(index)", type: type, shopId: "shop", orderId: "o-\(index)",
            orderStatus: "AWAITING_SHIPMENT", updateTime: 100, rawBody: Data("{}".utf8), processed: false)
    }

    /// Runs `deliveries` through a writer whose one pool thread is busy until all of them wait, so
    /// the thread's next turn finds them together.
    private func storeTogether(
        _ fixture: ReceiverFixture, _ deliveries: [NewWebhookEvent]
    ) async throws -> [Result<StoredDelivery, any Error>] {
        let pool = BlockingPool(size: 1, settings: fixture.configuration.connections, logger: ReceiverFixture.logger)
        let writer = DeliveryWriter(pool: pool, jobs: fixture.configuration.jobs)
        let release = DispatchSemaphore(value: 0)
        async let busy: Void = pool.run { _ in release.wait() }
        let results = try await withThrowingTaskGroup(of: (Int, Result<StoredDelivery, any Error>).self) { group in
            for (index, delivery) in deliveries.enumerated() {
                group.addTask {
                    do {
                        return (index, .success(try await writer.store(delivery, startsJob: true)))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            while writer.waitingCount < deliveries.count { try await Task.sleep(for: .milliseconds(5)) }
            release.signal()
            var results = [Result<StoredDelivery, any Error>?](repeating: nil, count: deliveries.count)
            for try await (index, result) in group { results[index] = result }
            return results.map { $0! }
        }
        try await busy
        await pool.shutdown()
        return results
    }

    private func transactions(_ fixture: ReceiverFixture) async throws -> Int {
        try await onThread {
            let rows = try fixture.connect().query("SELECT count(DISTINCT xmin::text) AS n FROM webhook_events")
            return try rows[0]["n", as: Int.self]
        }
    }

    @Test func deliveriesThatWaitTogetherShareOneInsert() async throws {
        try await ReceiverFixture.with { fixture in
            let results = try await storeTogether(fixture, (0..<20).map { row($0) })
            let stored = try results.map { try $0.get() }
            let ids = stored.compactMap { stored -> Int64? in
                guard case .inserted(let id) = stored.outcome else { return nil }
                return id
            }
            #expect(Set(ids).count == 20, "every delivery has its own event")
            #expect(stored.allSatisfy { $0.job != nil && $0.enqueueError == nil })
            #expect(stored.map { $0.job?.eventId } == ids.map { Optional($0) }, "each delivery's job is its own event's")
            #expect(try await transactions(fixture) == 1, "the twenty waited together and one statement stored them")
            #expect(try await fixture.jobs().count == 20)
        }
    }

    @Test func aDeliveryPostgresRefusesFailsAloneAndTheRestAreStored() async throws {
        try await ReceiverFixture.with { fixture in
            var deliveries = (0..<5).map { row($0) }
            deliveries.insert(row(9, type: 3_000_000_000), at: 2)
            let results = try await storeTogether(fixture, deliveries)
            let refusal = #expect(throws: PostgresError.self) { try results[2].get() }
            #expect(refusal?.isRetryable == false)
            for index in [0, 1, 3, 4, 5] {
                guard case .inserted = try results[index].get().outcome else {
                    Issue.record("delivery \(index) was not stored")
                    continue
                }
            }
            #expect(try await fixture.events().map(\.notificationId).sorted() == ["n-0", "n-1", "n-2", "n-3", "n-4"])
            #expect(try await fixture.jobs().count == 5)
        }
    }
}
