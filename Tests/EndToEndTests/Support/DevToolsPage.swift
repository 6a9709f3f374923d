// One Chromium tab over the DevTools protocol: JSON commands with numbered ids on the tab's
// WebSocket (the package's WSClient), answers matched by id, every call bounded. Enough for
// tests: navigate, evaluate JavaScript, wait for a condition, screenshot an element. The page's
// uncaught exceptions and console errors are kept so a test can insist there were none.

import Domain
import Foundation
import HummingbirdWSClient
import Logging
import Synchronization

/// A connected DevTools session on one page; closed when released.
final class DevToolsPage: Sendable {
    private let session: Session
    private let outgoing: AsyncStream<String>.Continuation
    private let connection: Task<Void, Never>
    private let executor: (any TaskExecutor)?

    /// Connects to `url` (a target's `webSocketDebuggerUrl`) and enables the Page and Runtime
    /// domains. The socket and the calls' timers run on `executor` when given.
    init(url: String, executor: (any TaskExecutor)?) async throws {
        let session = Session()
        let (stream, outgoing) = AsyncStream<String>.makeStream()
        self.session = session
        self.outgoing = outgoing
        self.executor = executor
        var logger = Logger(label: "test.devtools")
        logger.logLevel = .warning
        connection = Task(executorPreference: executor) {
            do {
                // Screenshots arrive as one text frame of base64 PNG: allow large frames.
                let configuration = WebSocketClientConfiguration(maxFrameSize: 1 << 26)
                try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for await text in stream { try await outbound.write(.text(text)) }
                        }
                        group.addTask {
                            for try await message in inbound.messages(maxSize: 1 << 26) {
                                if case .text(let text) = message { session.receive(text) }
                            }
                        }
                        try await group.next()
                        group.cancelAll()
                    }
                }
                session.close(DevToolsError("the DevTools socket closed"))
            } catch {
                session.close(DevToolsError("the DevTools socket failed: \(error)"))
            }
        }
        _ = try await call("Page.enable")
        _ = try await call("Runtime.enable")
    }

    deinit {
        outgoing.finish()
        connection.cancel()
    }

    /// Sends `method` with `params` and returns its `result`; throws the protocol's error, or after
    /// `timeout` seconds without an answer.
    @discardableResult
    func call(_ method: String, _ params: [String: JSONValue] = [:], timeout: Double = 30) async throws -> JSONValue {
        let id = session.nextId()
        let command = JSONValue.object(["id": .number(Double(id)), "method": .string(method), "params": .object(params)])
        let text = String(decoding: try JSONEncoder().encode(command), as: UTF8.self)
        let session = self.session
        let timer = Task(executorPreference: executor) {
            try await Task.sleep(for: .seconds(timeout))
            session.fail(id, DevToolsError("\(method) got no answer within \(Int(timeout)) s"))
        }
        defer { timer.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            if session.register(id, continuation) { outgoing.yield(text) }
        }
    }

    /// Loads `url` and waits (up to `timeout` seconds) until the document has loaded.
    func navigate(_ url: String, timeout: Double = 30) async throws {
        let answer = try await call("Page.navigate", ["url": .string(url)])
        if let failure = answer["errorText"]?.string { throw DevToolsError("cannot load \(url): \(failure)") }
        try await waitUntil("\(url) loads", timeout: timeout, "document.readyState === 'complete' && location.href !== 'about:blank'")
    }

    /// Evaluates `expression` in the page (awaiting a promise) and returns its value.
    func evaluate(_ expression: String) async throws -> JSONValue {
        let answer = try await call(
            "Runtime.evaluate",
            ["expression": .string(expression), "returnByValue": .bool(true), "awaitPromise": .bool(true)])
        if let exception = answer["exceptionDetails"] {
            let text = exception["exception"]?["description"]?.string ?? exception["text"]?.string ?? "\(exception)"
            throw DevToolsError("`\(expression.prefix(200))` threw: \(text)")
        }
        return answer["result"]?["value"] ?? .null
    }

    /// Polls the boolean `expression` every 200 ms until it holds; past `timeout` seconds throws
    /// naming `what` with `state()`'s account of the page (and `context`, e.g. the fleet's output).
    func waitUntil(
        _ what: String, timeout: Double, _ expression: String, state: String = "document.body ? document.body.innerText.slice(0, 2000) : ''",
        context: () -> String = { "" }
    ) async throws {
        let end = Date().addingTimeInterval(timeout)
        var lastError = ""
        while Date() < end {
            do {
                if try await evaluate(expression) == .bool(true) { return }
            } catch {
                lastError = "\(error)"
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        let page = (try? await evaluate(state))?.string ?? "(the page did not answer)"
        throw DevToolsError(
            """
            \(what): not within \(Int(timeout)) s (\(expression))\(lastError.isEmpty ? "" : "; last error: \(lastError)")
            page: \(page)
            page errors: \(errors)
            \(context())
            """)
    }

    /// A PNG of the element `selector` matches, clipped to its box (scrolled into the capture
    /// whatever the viewport). Throws when nothing matches or the element has no size.
    func screenshot(of selector: String) async throws -> Data {
        let box = try await evaluate(
            """
            (() => { const e = document.querySelector(\(jsString(selector))); if (!e) return null;
              const r = e.getBoundingClientRect();
              return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height }; })()
            """)
        guard let width = box["width"]?.number, let height = box["height"]?.number, width > 0, height > 0,
            let x = box["x"]?.number, let y = box["y"]?.number
        else { throw DevToolsError("no element with a size matches \(selector): \(box)") }
        let clip: [String: JSONValue] = [
            "x": .number(x.rounded(.down)), "y": .number(y.rounded(.down)), "width": .number(width.rounded(.up)),
            "height": .number(height.rounded(.up)), "scale": .number(1),
        ]
        let answer = try await call(
            "Page.captureScreenshot", ["format": .string("png"), "clip": .object(clip), "captureBeyondViewport": .bool(true)])
        guard let base64 = answer["data"]?.string, let png = Data(base64Encoded: base64) else {
            throw DevToolsError("Page.captureScreenshot answered without an image")
        }
        return png
    }

    /// Uncaught exceptions and `console.error` messages the page produced so far.
    var errors: [String] { session.pageErrors }

    /// A JavaScript string literal of `text`.
    func jsString(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}

/// The state one DevTools connection shares between its reader and its callers.
private final class Session: Sendable {
    private struct State {
        var next = 0
        var waiting: [Int: CheckedContinuation<JSONValue, any Error>] = [:]
        var closed: DevToolsError?
        var pageErrors: [String] = []
    }

    private let state = Mutex(State())

    func nextId() -> Int {
        state.withLock { state in
            state.next += 1
            return state.next
        }
    }

    /// Records a caller's continuation; false (having resumed it with the error) once closed.
    func register(_ id: Int, _ continuation: CheckedContinuation<JSONValue, any Error>) -> Bool {
        let closed = state.withLock { state -> DevToolsError? in
            if state.closed == nil { state.waiting[id] = continuation }
            return state.closed
        }
        if let closed { continuation.resume(throwing: closed) }
        return closed == nil
    }

    func fail(_ id: Int, _ error: DevToolsError) {
        state.withLock { $0.waiting.removeValue(forKey: id) }?.resume(throwing: error)
    }

    /// Every caller still waiting, and every later one, gets `error`.
    func close(_ error: DevToolsError) {
        let waiting = state.withLock { state in
            state.closed = state.closed ?? error
            defer { state.waiting = [:] }
            return state.waiting
        }
        waiting.values.forEach { $0.resume(throwing: error) }
    }

    /// One message from the browser: an answer (by id) or an event.
    func receive(_ text: String) {
        guard let message = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else { return }
        if let id = message["id"]?.number {
            guard let continuation = state.withLock({ $0.waiting.removeValue(forKey: Int(id)) }) else { return }
            if let error = message["error"] {
                continuation.resume(throwing: DevToolsError("DevTools error: \(error["message"]?.string ?? "\(error)")"))
            } else {
                continuation.resume(returning: message["result"] ?? .null)
            }
            return
        }
        let params = message["params"]
        switch message["method"]?.string {
        case "Runtime.exceptionThrown":
            let details = params?["exceptionDetails"]
            let text = details?["exception"]?["description"]?.string ?? details?["text"]?.string ?? "an exception"
            state.withLock { $0.pageErrors.append(text) }
        case "Runtime.consoleAPICalled" where params?["type"]?.string == "error":
            let text = (params?["args"]?.array ?? []).map { $0["value"]?.string ?? $0["description"]?.string ?? "?" }
            state.withLock { $0.pageErrors.append("console.error: " + text.joined(separator: " ")) }
        default:
            break
        }
    }

    var pageErrors: [String] { state.withLock { $0.pageErrors } }
}
