// Runs the project's binaries and private service instances from tests.

import Foundation
import Queue
import Redis

/// The repository root, found from this file's path.
public let repositoryRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// A running child process of a test, in a process group of its own; dropping it kills the group.
public final class Child: Sendable {
    public let pid: pid_t
    public let logPath: String
    private let exitStatus = Locked<Int32?>(nil)

    /// Starts `binary` (under .build/debug) with `arguments` and extra `environment`.
    public convenience init(binary: String = "creatorflow", _ arguments: [String], environment: [String: String]) throws {
        try self.init(path: repositoryRoot.appendingPathComponent(".build/debug/\(binary)").path, arguments, environment: environment)
    }

    /// Starts the executable at `path`.
    public init(path: String, _ arguments: [String], environment: [String: String]) throws {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw TestEnvironmentError("\(path) is missing: build with `swift build` first, or run ops/setup")
        }
        logPath = NSTemporaryDirectory() + "cf-child-\(UUID().uuidString).log"
        pid = try spawn(path, arguments, environment: environment, logPath: logPath)
    }

    public func signal(_ number: Int32) { kill(pid, number) }

    /// Whether the child has not exited yet.
    public var isRunning: Bool { poll() == nil }

    /// Waits for exit up to `timeout` seconds; returns the exit status or nil if still running.
    public func wait(timeout: Double) -> Int32? {
        let end = Date().addingTimeInterval(timeout)
        while poll() == nil && Date() < end { Thread.sleep(forTimeInterval: 0.02) }
        return poll()
    }

    /// SIGTERM, up to `grace` seconds to exit, then SIGKILL to the whole group; the exit status.
    @discardableResult
    public func stop(grace: Double = 10) -> Int32 {
        signal(SIGTERM)
        if let status = wait(timeout: grace) { return status }
        killGroup(pid)
        return wait(timeout: 10) ?? 137
    }

    private func poll() -> Int32? {
        exitStatus.withLock { status in
            if status == nil { status = reap(pid) }
            return status
        }
    }

    public var output: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    deinit {
        if poll() == nil {
            killGroup(pid)
            _ = wait(timeout: 5)
        }
    }
}

/// Runs a command to completion and returns (status, stdout+stderr). Past `timeout` seconds the
/// command's whole process group is killed and the error carries everything it printed.
@discardableResult
public func run(
    _ executable: String, _ arguments: [String], environment: [String: String] = [:], timeout: Double = 120
) throws -> (Int32, String) {
    let logPath = NSTemporaryDirectory() + "cf-run-\(UUID().uuidString).log"
    defer { try? FileManager.default.removeItem(atPath: logPath) }
    let pid = try spawn(executable, arguments, environment: environment, logPath: logPath)
    let status = waitForExit(pid, timeout: timeout)
    killGroup(pid)  // a one-shot command's group outliving it holds only its orphans
    let output = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    guard let status else {
        _ = waitForExit(pid, timeout: 10)
        let command = ([executable] + arguments).joined(separator: " ")
        throw TestEnvironmentError("`\(command)` did not finish within \(Int(timeout)) s and was killed; its output:\n\(output)")
    }
    return (status, output)
}

/// A private Redis from `ops/services --instance NAME`, for tests that stop or fill a server.
public struct PrivateRedis: Sendable {
    public let instance: String
    public let url: RedisURL

    public init(instance: String) throws {
        self.instance = instance
        let (status, output) = try run(repositoryRoot.appendingPathComponent("ops/services").path, ["start", "redis", "--instance", instance])
        guard status == 0, let line = output.split(separator: "\n").first(where: { $0.hasPrefix("export REDIS_URL=") }) else {
            throw TestEnvironmentError("ops/services could not start a private Redis '\(instance)': \(output)")
        }
        url = try RedisURL(parsing: String(line.dropFirst("export REDIS_URL=".count)))
    }

    public func stop() throws {
        try run(repositoryRoot.appendingPathComponent("ops/services").path, ["stop", "redis", "--instance", instance])
    }
}
