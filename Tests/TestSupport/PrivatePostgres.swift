// A private PostgreSQL from `ops/services --instance NAME`, for tests that stop and restart the
// server under a running process (the shared one must stay up for every other test).

import Foundation

/// A PostgreSQL instance of this test run alone; `stop()` and `start()` act on it only.
public struct PrivatePostgres: Sendable {
    public let instance: String
    /// `postgres://postgres@127.0.0.1:<port>/creatorflow` of this instance.
    public let url: String

    /// Starts the instance (creating it on first use) and waits until it answers.
    public init(instance: String) throws {
        self.instance = instance
        url = try Self.start(instance)
    }

    /// Starts the instance again after `stop()`.
    public func start() throws {
        _ = try Self.start(instance)
    }

    /// Stops the instance (`pg_ctl stop -m fast`): open sessions are cut.
    public func stop() throws {
        let (status, output) = try run(
            repositoryRoot.appendingPathComponent("ops/services").path, ["stop", "pg", "--instance", instance])
        guard status == 0 else {
            throw TestEnvironmentError("ops/services could not stop the private PostgreSQL '\(instance)': \(output)")
        }
    }

    private static func start(_ instance: String) throws -> String {
        let (status, output) = try run(
            repositoryRoot.appendingPathComponent("ops/services").path, ["start", "pg", "--instance", instance])
        let prefix = "export DATABASE_URL="
        guard status == 0, let line = output.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else {
            throw TestEnvironmentError("ops/services could not start a private PostgreSQL '\(instance)': \(output)")
        }
        return String(line.dropFirst(prefix.count))
    }
}
