// A small pool of per-thread resources (connections, HTTP clients). Handlers run on slot threads;
// each checks out one set, uses it alone, and returns it, so no connection is ever shared.

import Queue

/// Idle resources, created on demand and reused; at most one thread uses a resource at a time.
final class ResourcePool<Resource: AnyObject>: @unchecked Sendable {
    private let idle = Locked<[Resource]>([])
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
        if let resource = idle.withLock({ $0.popLast() }) { return resource }
        return try make()
    }

    private func checkIn(_ resource: Resource) {
        idle.withLock { $0.append(resource) }
    }
}
