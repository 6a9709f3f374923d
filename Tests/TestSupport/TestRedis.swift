// Test access to the real Redis that ops/services started. Fails loudly when it is missing.

import Foundation
import Queue
import Redis

/// A Redis connection and an isolated key prefix for one test.
public struct TestRedis {
    public let url: RedisURL
    public let keys: Keys

    /// Connects to `REDIS_URL` (ops/services); throws a clear error when it is unset or down.
    public init(function: String = #function) throws {
        guard let text = ProcessInfo.processInfo.environment["REDIS_URL"] else {
            throw TestEnvironmentError("REDIS_URL is not set: run the tests with ops/test (it starts Redis)")
        }
        url = try RedisURL(parsing: text)
        do {
            _ = try RedisConnection(url: url).command(["PING"])
        } catch {
            throw TestEnvironmentError("Redis at \(url) is not answering (\(error)): run ops/services start")
        }
        let slug = function.prefix { $0 != "(" }
        keys = Keys(prefix: "t-\(slug)-\(UUID().uuidString.prefix(8).lowercased())")
    }

    /// Uses the Redis at `url` (a private instance) with a fresh prefix.
    public init(url: RedisURL, function: String = #function) {
        self.url = url
        keys = Keys(prefix: "t-\(function.prefix { $0 != "(" })-\(UUID().uuidString.prefix(8).lowercased())")
    }

    public func connection() throws -> RedisConnection { try RedisConnection(url: url) }

    /// A queue session for process `pid` with `settings` under this test's prefix.
    public func session(pid: String = "p1", _ adjust: (inout QueueSettings) -> Void = { _ in }) throws -> RedisJobQueue {
        var settings = QueueSettings(keys: keys)
        adjust(&settings)
        return RedisJobQueue(connection: try connection(), settings: settings, processId: pid)
    }

    /// The operator's view of the queues under this test's prefix.
    public func admin() throws -> QueueAdmin { QueueAdmin(connection: try connection(), settings: QueueSettings(keys: keys)) }
}

/// The test environment is incomplete (a server is missing).
public struct TestEnvironmentError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Polls `condition` until it holds or `timeout` seconds pass; returns whether it held.
public func eventually(timeout: Double, interval: Double = 0.02, _ condition: () throws -> Bool) rethrows -> Bool {
    let end = Date().addingTimeInterval(timeout)
    while Date() < end {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: interval)
    }
    return try condition()
}

/// Polls `condition` every 50 ms until it holds or `timeout` seconds pass, never blocking a thread
/// (for async tests: a blocking wait holds one of the few cooperative threads other tests need).
public func eventuallyAsync(timeout: Double, _ condition: () -> Bool) async -> Bool {
    let end = Date().addingTimeInterval(timeout)
    while Date() < end {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return condition()
}

/// Redis Cluster's key slot: CRC16-XMODEM of the hash tag (or whole key) mod 16384.
public func clusterSlot(_ key: String) -> Int {
    var bytes = Array(key.utf8)
    if let open = bytes.firstIndex(of: UInt8(ascii: "{")),
        let close = bytes[(open + 1)...].firstIndex(of: UInt8(ascii: "}")), close > open + 1
    {
        bytes = Array(bytes[(open + 1)..<close])
    }
    var crc: UInt16 = 0
    for byte in bytes {
        crc ^= UInt16(byte) << 8
        for _ in 0..<8 { crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1 }
    }
    return Int(crc) % 16384
}
