// Runs a blocking test step (libpq, hiredis) on a thread of its own and awaits it, so test code
// never blocks Swift's cooperative pool either.

import Foundation

/// Runs `body` on a new thread and returns its result.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
