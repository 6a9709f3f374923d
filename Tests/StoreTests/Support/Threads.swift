// Runs closures on real threads at the same moment (not on the cooperative pool, whose two
// threads the blocking libpq calls would otherwise starve) and collects their results.

import TestSupport
import Foundation
import Synchronization

/// Runs `count` copies of `body` on their own threads, released together; returns each result.
func onThreads<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> T) -> [Result<T, any Error>] {
    let results = Results<T>(count: count)
    let start = DispatchSemaphore(value: 0)
    let done = DispatchGroup()
    for index in 0..<count {
        done.enter()
        Thread {
            start.wait()
            results.set(index, Result { try body(index) })
            done.leave()
        }.start()
    }
    for _ in 0..<count { start.signal() }
    done.wait()
    return results.all
}

private final class Results<T: Sendable>: Sendable {
    private let storage: Mutex<[Result<T, any Error>?]>

    init(count: Int) { storage = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ result: Result<T, any Error>) { storage.withLock { $0[index] = result } }

    var all: [Result<T, any Error>] { storage.withLock { $0.map { $0! } } }
}
