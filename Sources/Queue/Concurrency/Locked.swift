// The fleet's one lock type: a value guarded by a pthread mutex (NSLock). Chosen over
// Synchronization.Mutex, whose slow path spins on Linux and burned half the CPU of a busy worker
// under contention. It lives in Queue because every process target imports Queue; it is
// @inlinable so the worker's hot paths get it specialized across the module boundary.

import Foundation

/// A lock-protected value shared between threads.
public final class Locked<Value>: @unchecked Sendable {
    @usableFromInline let lock = NSLock()
    @usableFromInline var value: Value

    @inlinable
    public init(_ value: Value) { self.value = value }

    @inlinable
    public func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
