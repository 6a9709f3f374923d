// WebhookEventStore against real PostgreSQL: exact bytes, both deduplication keys, the processed
// mark, and the relay's view of unprocessed events.

import Foundation
import Store
import Testing

@Suite struct WebhookEventStoreTests {
    private func event(
        _ notification: String, type: Int = 1, order: String? = "o-1", updateTime: Int64? = 100,
        body: Data = Data("{}".utf8), processed: Bool = false
    ) -> NewWebhookEvent {
        NewWebhookEvent(
            notificationId: notification, type: type, shopId: "shop", orderId: order, updateTime: updateTime,
            rawBody: body, processed: processed)
    }

    private func withStore<T: Sendable>(
        function: String = #function, _ body: @escaping @Sendable (WebhookEventStore) throws -> T
    ) async throws -> T {
        try await ReceiverFixture.with(function: function) { fixture in
            try await onThread { try body(WebhookEventStore(connection: fixture.connect())) }
        }
    }

    @Test func storesTheRawBytesExactly() async throws {
        let bytes = Data([0x7b, 0x00, 0xff, 0xfe, 0x0a, 0x5c, 0x78, 0x7d])
        let stored = try await withStore { store in
            guard case .inserted(let id) = try store.insert(event("n-1", body: bytes)) else {
                throw StoreTestError.notInserted
            }
            return try store.event(id: id)
        }
        #expect(stored?.rawBody == bytes)
        #expect(stored?.notificationId == "n-1")
        #expect(stored?.orderId == "o-1")
        #expect(stored?.updateTime == 100)
        #expect(stored?.processedAt == nil)
    }

    @Test func duplicatesByEitherKeyWriteNothing() async throws {
        let results = try await withStore { store in
            [
                try store.insert(event("n-1")),
                try store.insert(event("n-1", order: "o-2", updateTime: 200)),
                try store.insert(event("n-2")),
                try store.insert(event("n-3", updateTime: 101)),
                try store.insert(event("n-4", type: 3)),
                try store.insert(event("n-5", order: nil, updateTime: nil)),
                try store.insert(event("n-6", order: nil, updateTime: nil)),
            ]
        }
        #expect(results[1] == .duplicate)
        #expect(results[2] == .duplicate)
        for index in [0, 3, 4, 5, 6] {
            guard case .inserted = results[index] else {
                Issue.record("insert \(index) should be new, got \(results[index])")
                continue
            }
        }
    }

    @Test func aBatchIsStoredWithOneOutcomePerEventInOrder() async throws {
        let bytes = Data([0x00, 0xff, 0x5c])
        let (results, stored) = try await withStore { store in
            _ = try store.insert(event("stored-before", order: "o-0"))
            let results = try store.insert([
                event("n-1", order: "o-1", body: bytes),
                event("stored-before", order: "o-9"),
                event("n-1", order: "o-2"),
                event("n-2", order: "o-1"),
                event("n-3", order: "o-3", processed: true),
            ])
            return (results, try results.map { result -> StoredWebhookEvent? in
                guard case .inserted(let id) = result else { return nil }
                return try store.event(id: id)
            })
        }
        #expect(results[1] == .duplicate, "the notification id is already stored")
        #expect(results[2] == .duplicate, "an earlier event of the batch has the notification id")
        #expect(results[3] == .duplicate, "an earlier event of the batch has the (type, order, update time)")
        #expect(stored[0]?.notificationId == "n-1")
        #expect(stored[0]?.rawBody == bytes)
        #expect(stored[0]?.processedAt == nil)
        #expect(stored[4]?.notificationId == "n-3")
        #expect(stored[4]?.processedAt != nil)
    }

    @Test func processedEventsAreStoredProcessed() async throws {
        let stored = try await withStore { store in
            guard case .inserted(let id) = try store.insert(event("n-1", processed: true)) else {
                throw StoreTestError.notInserted
            }
            return try store.event(id: id)
        }
        #expect(stored?.processedAt != nil)
    }

    @Test func markProcessedOnlyOnce() async throws {
        let (first, second, missing, unprocessed) = try await withStore { store in
            guard case .inserted(let id) = try store.insert(event("n-1")) else { throw StoreTestError.notInserted }
            return (
                try store.markProcessed(id: id), try store.markProcessed(id: id),
                try store.markProcessed(id: id + 1000),
                try store.unprocessed(olderThan: Date().addingTimeInterval(60), limit: 10)
            )
        }
        #expect(first)
        #expect(!second)
        #expect(!missing)
        #expect(unprocessed.isEmpty)
    }

    @Test func unprocessedIsOldestFirstBeforeTheCutoffAndLimited() async throws {
        let (all, limited, none) = try await withStore { store in
            for index in 0..<4 { _ = try store.insert(event("n-\(index)", order: "o-\(index)")) }
            _ = try store.insert(event("done", order: "o-done", processed: true))
            return (
                try store.unprocessed(olderThan: Date().addingTimeInterval(60), limit: 10),
                try store.unprocessed(olderThan: Date().addingTimeInterval(60), limit: 2),
                try store.unprocessed(olderThan: Date().addingTimeInterval(-60), limit: 10)
            )
        }
        #expect(all.map(\.notificationId) == ["n-0", "n-1", "n-2", "n-3"])
        #expect(limited.map(\.notificationId) == ["n-0", "n-1"])
        #expect(none.isEmpty)
    }

    @Test func unknownIdIsNil() async throws {
        let found = try await withStore { store in try store.event(id: 12_345) }
        #expect(found == nil)
    }
}

private enum StoreTestError: Error {
    case notInserted
}
