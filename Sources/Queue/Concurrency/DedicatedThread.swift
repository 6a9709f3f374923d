// A long-running blocking loop (hiredis and libpq block) awaited from async code: it runs on a
// thread of its own, never on Swift's cooperative pool.

import Foundation

/// Runs `body` on a new thread named `name` and returns its result when it ends.
public func onDedicatedThread<T: Sendable>(
    name: String, _ body: @escaping @Sendable () throws -> T
) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.name = name
        thread.start()
    }
}
