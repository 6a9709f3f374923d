// Headless Chromium for browser tests: Debian's /usr/bin/chromium (ops/setup installs it) with
// remote debugging on a port it picks itself, a throwaway profile, and pages driven over the
// DevTools protocol (`DevToolsPage`). A missing browser fails the test; it never skips.

import Foundation
import TestSupport

/// A headless Chromium process, stopped (with its profile removed) when released.
final class Chromium: Sendable {
    static let path = "/usr/bin/chromium"

    let child: Child
    /// `http://127.0.0.1:<port>`, the DevTools HTTP endpoint.
    let endpoint: String
    private let profile: String

    /// Starts the browser with a `width`×`height` window and waits (up to 30 s) for its DevTools
    /// endpoint.
    init(width: Int = 1440, height: Int = 960) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.path) else {
            throw TestEnvironmentError("\(Self.path) is missing: run ops/setup (it installs Debian's chromium)")
        }
        let profile = NSTemporaryDirectory() + "cf-chromium-\(UUID().uuidString)"
        self.profile = profile
        try FileManager.default.createDirectory(atPath: profile, withIntermediateDirectories: true)
        let child = try Child(
            path: Self.path,
            [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--window-size=\(width),\(height)", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                // WSClient sends `Origin: ws://<host>`; Chromium refuses a DevTools socket from an
                // origin it was not told to allow.
                "--remote-allow-origins=ws://127.0.0.1",
                "--user-data-dir=\(profile)", "about:blank",
            ],
            environment: [:])
        var port: Substring?
        let started = eventually(timeout: 30, interval: 0.1) {
            port = child.output.firstMatch(of: /DevTools listening on ws:\/\/127\.0\.0\.1:([0-9]+)\//)?.output.1
            return port != nil || !child.isRunning
        }
        guard started, let port else {
            child.stop(grace: 2)
            try? FileManager.default.removeItem(atPath: profile)
            throw TestEnvironmentError("chromium did not open its DevTools endpoint within 30 s: \(child.output.suffix(3000))")
        }
        self.child = child
        endpoint = "http://127.0.0.1:\(port)"
    }

    /// Opens a new tab on about:blank (`PUT /json/new`) and connects to it (its socket on
    /// `executor` when given).
    func newPage(executor: (any TaskExecutor)? = nil) async throws -> DevToolsPage {
        let (status, answer) = try run("/usr/bin/curl", ["-sf", "--max-time", "10", "-X", "PUT", endpoint + "/json/new?about:blank"])
        struct Target: Decodable { var webSocketDebuggerUrl: String }
        guard status == 0, let target = try? JSONDecoder().decode(Target.self, from: Data(answer.utf8)) else {
            throw TestEnvironmentError("chromium did not open a tab (curl exit \(status)): \(answer)")
        }
        return try await DevToolsPage(url: target.webSocketDebuggerUrl, executor: executor)
    }

    /// Chromium's own output (start-up, crashes), for failure messages.
    var output: String { String(child.output.suffix(3000)) }

    deinit {
        child.stop(grace: 5)
        try? FileManager.default.removeItem(atPath: profile)
    }
}
