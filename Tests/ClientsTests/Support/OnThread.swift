// Runs blocking client code on a thread of its own, never on the cooperative pool.

import Foundation

/// Runs `body` on a new thread and returns its result.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.start()
    }
}
