// A small pool of per-thread resources (connections, HTTP clients). Handlers run on slot threads;
// each checks out one set, uses it alone, and returns it, so no connection is ever shared.

import Foundation

/// Idle resources, created on demand and reused; at most one thread uses a resource at a time.
final class ResourcePool<Resource: AnyObject>: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [Resource] = []
    private let make: @Sendable () throws -> Resource

    init(make: @escaping @Sendable () throws -> Resource) {
        self.make = make
    }

    /// Runs `body` with a resource of its own. A resource whose body threw is still returned:
    /// connections in this project reconnect by themselves.
    func with<T>(_ body: (Resource) throws -> T) throws -> T {
        let resource = try checkOut()
        defer { checkIn(resource) }
        return try body(resource)
    }

    private func checkOut() throws -> Resource {
        lock.lock()
        if let resource = idle.popLast() {
            lock.unlock()
            return resource
        }
        lock.unlock()
        return try make()
    }

    private func checkIn(_ resource: Resource) {
        lock.lock()
        idle.append(resource)
        lock.unlock()
    }
}
