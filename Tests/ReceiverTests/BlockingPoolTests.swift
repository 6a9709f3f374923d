// The blocking pool: calls run on its own threads (never the cooperative pool), in parallel up
// to its size, reuse each thread's connection, reconnect after a connection error, honour
// deadlines and cancellation, and drain on shutdown.

import Dispatch
import Foundation
import Queue
import Receiver
import Redis
import Store
import Synchronization
import Testing

@Suite struct BlockingPoolTests {
    private func pool(size: Int = 2, postgres: String? = nil) -> BlockingPool {
        let url = postgres ?? ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "postgres://127.0.0.1:1/none"
        return BlockingPool(
            size: size,
            settings: ConnectionSettings(postgres: PostgresConfiguration(url: url), redis: RedisURL(port: 1)),
            logger: ReceiverFixture.logger)
    }

    @Test func runsEveryCallOnItsOwnDedicatedThread() async throws {
        let pool = pool(size: 1)
        let first = try await pool.run { _ in UInt(pthread_self()) }
        let second = try await pool.run { _ in UInt(pthread_self()) }
        #expect(first == second, "a size-1 pool runs every call on its one dedicated thread")
        #expect(try await pool.run { _ in Thread.isMainThread } == false)
        await pool.shutdown()
    }

    @Test func runsUpToSizeCallsAtOnce() async throws {
        let pool = pool(size: 3)
        let arrived = DispatchGroup()
        let release = DispatchSemaphore(value: 0)
        for _ in 0..<3 { arrived.enter() }
        async let calls = withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    try await pool.run { _ in
                        arrived.leave()
                        release.wait()
                    }
                }
            }
            try await group.waitForAll()
        }
        let allArrived = try await onThread { arrived.wait(timeout: .now() + 5) == .success }
        for _ in 0..<3 { release.signal() }
        try await calls
        #expect(allArrived)
        await pool.shutdown()
    }

    @Test func reusesTheThreadsConnectionAndReconnectsAfterAConnectionError() async throws {
        let pool = pool(size: 1)
        let backend = { @Sendable (connections: inout Connections) throws -> Int in
            try connections.postgres().query("SELECT pg_backend_pid() AS pid")[0]["pid", as: Int.self]
        }
        let first = try await pool.run(backend)
        let again = try await pool.run(backend)
        #expect(first == again)
        await #expect(throws: PostgresError.self) {
            try await pool.run { _ in throw PostgresError(kind: .connection, message: "server closed the connection") }
        }
        let after = try await pool.run(backend)
        #expect(after != first)
        await pool.shutdown()
    }

    @Test func failedConnectsAreRetriedByTheNextCall() async throws {
        let pool = pool(size: 1, postgres: "postgres://postgres@127.0.0.1:1/none")
        for _ in 0..<2 {
            await #expect(throws: PostgresError.self) { try await pool.run { _ = try $0.postgres() } }
        }
        await pool.shutdown()
    }

    @Test func deadlineReleasesTheCaller() async throws {
        let pool = pool(size: 1)
        let release = DispatchSemaphore(value: 0)
        let started = ContinuousClock.now
        await #expect(throws: BlockingPoolError.timedOut(.milliseconds(100))) {
            try await pool.run(timeout: .milliseconds(100)) { _ in _ = release.wait(timeout: .now() + 20) }
        }
        #expect(ContinuousClock.now - started < .seconds(20), "the caller is back while the call still blocks its thread")
        release.signal()
        await pool.shutdown()
    }

    @Test func cancelledCallsNeverStart() async throws {
        let pool = pool(size: 1)
        let release = DispatchSemaphore(value: 0)
        let ran = Counter()
        let blocker = Task { try await pool.run { _ in release.wait() } }
        try await Task.sleep(for: .milliseconds(50))
        let queued = Task { try await pool.run { _ in ran.increment() } }
        try await Task.sleep(for: .milliseconds(50))
        queued.cancel()
        await #expect(throws: CancellationError.self) { try await queued.value }
        release.signal()
        try await blocker.value
        try await pool.run { _ in }
        #expect(ran.value == 0)
        await pool.shutdown()
    }

    @Test func shutdownDrainsQueuedCallsThenRefusesNewOnes() async throws {
        let pool = pool(size: 1)
        let completed = Counter()
        let calls = (0..<5).map { _ in
            Task {
                try await pool.run { _ in
                    Thread.sleep(forTimeInterval: 0.1)
                    completed.increment()
                }
            }
        }
        // One call runs, four wait: shut down only once all five are in (not after a fixed pause,
        // which a loaded machine overran).
        let deadline = ContinuousClock.now + .seconds(20)
        while pool.waitingCalls + completed.value < 4 && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        await pool.shutdown()
        for call in calls { try? await call.value }
        #expect(completed.value == 5)
        await #expect(throws: BlockingPoolError.shutDown) { try await pool.run { _ in } }
    }
}

/// A count shared between the test and pool threads.
private final class Counter: Sendable {
    private let count = Mutex(0)

    func increment() { count.withLock { $0 += 1 } }

    var value: Int { count.withLock { $0 } }
}
