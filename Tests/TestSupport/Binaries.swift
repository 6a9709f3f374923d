// Runs the project's binaries and private service instances from tests.

import Foundation
import Queue

/// The repository root, found from this file's path.
public let repositoryRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// Starts `executable` with `arguments` in the repository root, output to `logPath`, through
/// posix_spawn: Foundation's Process can miss a child's exit when tests spawn concurrently.
func spawn(_ executable: String, _ arguments: [String], environment: [String: String], logPath: String) throws -> pid_t {
    let argv = ["/usr/bin/env", "-C", repositoryRoot.path] + environment.map { "\($0.key)=\($0.value)" } + [executable] + arguments
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var cArgs = argv.map { strdup($0) } + [nil]
    defer { cArgs.forEach { free($0) } }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ)
    guard status == 0 else { throw TestEnvironmentError("cannot start \(executable): errno \(status)") }
    return pid
}

/// A running child process of a test.
public final class Child: @unchecked Sendable {
    public let pid: pid_t
    public let logPath: String
    private var exitStatus: Int32?

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

    private func poll() -> Int32? {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        exitStatus = code
        return code
    }

    public var output: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    deinit {
        if poll() == nil {
            kill(pid, SIGKILL)
            _ = wait(timeout: 5)
        }
    }
}

/// Runs a command to completion and returns (status, stdout+stderr).
@discardableResult
public func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String) {
    let logPath = NSTemporaryDirectory() + "cf-run-\(UUID().uuidString).log"
    defer { try? FileManager.default.removeItem(atPath: logPath) }
    let pid = try spawn(executable, arguments, environment: environment, logPath: logPath)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return (code, (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")
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
