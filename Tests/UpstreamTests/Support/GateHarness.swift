// Gates for tests: each on its own Redis connection under the test's prefix, and a way to run
// blocking gate calls on threads of their own (never on the cooperative pool, which serves the
// in-process sandbox).

import Clients
import Foundation
import Queue
import Redis
import TestSupport
import Upstream

/// The test's Redis and key prefix (from `TestRedis`), sendable to the threads that run gates.
struct GateRedis: Sendable {
    let url: RedisURL
    let keys: Keys

    init(function: String = #function) throws {
        let redis = try TestRedis(function: function)
        url = redis.url
        keys = redis.keys
    }

    func connection() throws -> RedisConnection { try RedisConnection(url: url) }

    /// A gate on a new connection under this test's prefix.
    func gate(
        _ settings: UpstreamGateSettings, sleep: @escaping @Sendable (Duration) -> Void = RedisUpstreamGate.threadSleep,
        stopWaiting: @escaping @Sendable () -> Bool = { false }
    ) throws -> RedisUpstreamGate {
        RedisUpstreamGate(connection: try connection(), keys: keys, settings: settings, sleep: sleep, stopWaiting: stopWaiting)
    }

    /// A read-only view on a new connection.
    func monitor() throws -> UpstreamMonitor { UpstreamMonitor(connection: try connection(), keys: keys) }
}

/// Runs `body(i)` for i in 0..<count, each on a new thread, all at once; results in order.
func onThreads<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> T) async throws -> [T] {
    try await withThrowingTaskGroup(of: (Int, T).self) { group in
        for index in 0..<count {
            group.addTask {
                try await withCheckedThrowingContinuation { continuation in
                    Thread { continuation.resume(with: Result { (index, try body(index)) }) }.start()
                }
            }
        }
        var results: [(Int, T)] = []
        for try await result in group { results.append(result) }
        return results.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

/// Runs `body` on a new thread.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await onThreads(1) { _ in try body() }[0]
}

/// Failures as the HTTP client classifies them: 503 counts against a breaker, 404 does not.
enum Failures {
    static let upstream = HTTPClientError(kind: .status(503), isRetryable: true, message: "HTTP 503")
    static let client = HTTPClientError(kind: .status(404), isRetryable: false, message: "HTTP 404")
}

/// The most of `times` (seconds) that fall in any half-open interval [t, t + window).
func maxInAnyWindow(_ times: [Double], window: Double) -> Int {
    let sorted = times.sorted()
    var best = 0
    var start = 0
    for end in sorted.indices {
        while sorted[end] - sorted[start] >= window { start += 1 }
        best = max(best, end - start + 1)
    }
    return best
}
