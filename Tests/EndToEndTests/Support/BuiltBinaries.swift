// The binaries built beside this test bundle (whatever `--scratch-path` built it), and a sandbox
// binary running on a free port for one test.

import Foundation
import TestSupport

enum BuiltBinaries {
    /// The directory holding the test bundle, and so the `creatorflow` binaries of the same build.
    static let directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent().path

    /// The path of `name` in that directory.
    static func path(_ name: String) -> String { directory + "/" + name }

    /// Runs `creatorflow arguments` to completion with `environment` added.
    static func creatorflow(_ arguments: [String], environment: [String: String]) throws -> (Int32, String) {
        try run(path("creatorflow"), arguments, environment: environment)
    }
}

/// `creatorflow-sandbox` on a free port, stopped when released.
final class SandboxProcess: Sendable {
    let child: Child
    let baseURL: String

    /// Starts the sandbox binary with `arguments` on a free port and waits until it listens.
    init(_ arguments: [String] = []) throws {
        let started = try Child(path: BuiltBinaries.path("creatorflow-sandbox"), ["--port", "0"] + arguments, environment: [:])
        var url: String?
        _ = eventually(timeout: 20) {
            url = started.output.firstMatch(of: /http:\/\/127\.0\.0\.1:[0-9]+/).map { String($0.output) }
            return url != nil
        }
        guard let url else { throw TestEnvironmentError("creatorflow-sandbox did not start: \(started.output)") }
        child = started
        baseURL = url
    }

    /// POSTs `body` to the control `path` and returns the answer's text.
    func post(_ path: String, _ body: String = "{}") throws -> String {
        try run("/usr/bin/curl", ["-sf", "--max-time", "10", "-X", "POST", "--data-binary", body, baseURL + path]).1
    }

    /// GETs `path` and returns the answer's text.
    func get(_ path: String) throws -> String {
        try run("/usr/bin/curl", ["-sf", "--max-time", "10", baseURL + path]).1
    }

    /// A fresh authorization code from `POST /_sim/auth/codes`.
    func authCode() throws -> String {
        let answer = try post("/_sim/auth/codes")
        guard let code = answer.firstMatch(of: /"auth_code":"([^"]+)"/)?.output.1 else {
            throw TestEnvironmentError("no auth code in \(answer)")
        }
        return String(code)
    }

    deinit {
        child.signal(SIGTERM)
        _ = child.wait(timeout: 10)
    }
}
