// The feed's place in the event log: ids seen out of order, skipped ids awaited and given up.

import Testing

@testable import Receiver

struct DashboardEventCursorTests {
    @Test func idsInOrderAreEachTakenOnce() {
        var cursor = DashboardEventCursor(after: 10, gapWait: 30)
        #expect(cursor.advance(with: [11, 12], now: 0) == [11, 12])
        #expect(cursor.advance(with: [], now: 1) == [])
        #expect(cursor.last == 12)
        #expect(cursor.awaited.isEmpty)
    }

    @Test func aSkippedIdIsAwaitedAndTakenWhenItsTransactionCommits() {
        var cursor = DashboardEventCursor(after: 10, gapWait: 30)
        #expect(cursor.advance(with: [11, 14], now: 0) == [11, 14])
        #expect(cursor.awaited == [12, 13])
        #expect(cursor.advance(with: [13, 15], now: 1) == [13, 15])
        #expect(cursor.awaited == [12])
        #expect(cursor.advance(with: [12], now: 2) == [12])
        #expect(cursor.awaited.isEmpty)
        #expect(cursor.advance(with: [12], now: 3) == [], "an id already taken is not taken again")
    }

    @Test func aSkippedIdIsGivenUpAfterTheWait() {
        var cursor = DashboardEventCursor(after: 0, gapWait: 30)
        _ = cursor.advance(with: [2], now: 0)
        #expect(cursor.awaited == [1])
        _ = cursor.advance(with: [], now: 29)
        #expect(cursor.awaited == [1])
        _ = cursor.advance(with: [], now: 30)
        #expect(cursor.awaited.isEmpty)
        #expect(cursor.advance(with: [1], now: 31) == [], "a transaction that took longer than the wait is missed")
    }

    @Test func aLongJumpAwaitsOnlyTheNewestSkippedIds() {
        var cursor = DashboardEventCursor(after: 0, gapWait: 30, maxSkipped: 3)
        #expect(cursor.advance(with: [1_000_000], now: 0) == [1_000_000])
        #expect(cursor.awaited == [999_997, 999_998, 999_999])
    }

    @Test func restartingForgetsTheAwaitedIds() {
        var cursor = DashboardEventCursor(after: 0, gapWait: 30)
        _ = cursor.advance(with: [3], now: 0)
        cursor.restart(after: 7)
        #expect(cursor.last == 7)
        #expect(cursor.awaited.isEmpty)
        #expect(cursor.advance(with: [8], now: 1) == [8])
    }
}
