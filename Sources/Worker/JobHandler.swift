// Handlers and the registry that maps a job kind to its handler.

import Jobs
import Queue

/// Runs jobs of one kind. Handlers run on a dedicated thread and may block (libpq, libcurl).
/// Throw `JobFailure` to choose retry or dead letter; any other error is retried.
public protocol JobHandler: Sendable {
    associatedtype Payload: JobPayload
    func handle(_ payload: Payload, context: JobContext) throws
}

/// The kinds this worker can run.
public struct JobRegistry: Sendable {
    typealias Runner = @Sendable (_ raw: String, _ context: JobContext) throws -> Void
    private var runners: [String: Runner] = [:]

    public init() {}

    /// Registers `handler` for its payload's kind.
    public mutating func register<H: JobHandler>(_ handler: H) {
        runners[H.Payload.kind] = { raw, context in
            let payload: H.Payload
            do {
                payload = try JobEnvelope.decodeArgs(H.Payload.self, from: raw)
            } catch {
                throw JobFailure.permanent("invalid arguments for \(H.Payload.kind): \(error)")
            }
            try handler.handle(payload, context: context)
        }
    }

    public var kinds: [String] { runners.keys.sorted() }

    func runner(for kind: String) -> Runner? { runners[kind] }

    /// The built-in diagnostic kinds: noop, sleep, fail.
    public static var diagnostics: JobRegistry {
        var registry = JobRegistry()
        registry.register(NoopHandler())
        registry.register(SleepHandler())
        registry.register(FailHandler())
        return registry
    }
}
