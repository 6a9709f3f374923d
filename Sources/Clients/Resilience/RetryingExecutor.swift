// Runs one logical call: for each attempt, pass the gate, build the request afresh (so signatures
// and timestamps are new), send it, interpret the answer; back off and retry per the policy.

import Domain
import Foundation

/// The shared attempt loop of every client.
struct RetryingExecutor {
    let http: HTTPClient
    let gate: (any UpstreamGate)?
    let policy: CallRetryPolicy
    let sleep: @Sendable (Duration) -> Void

    /// Attempts `build` → send → `interpret` until success, a permanent error or the policy gives up.
    func run<T>(
        _ call: UpstreamCall, build: () throws -> HTTPRequest, interpret: (HTTPResponse) throws -> T
    ) throws -> T {
        var attempt = 1
        while true {
            do {
                return try attemptOnce(call, build: build, interpret: interpret)
            } catch let error as any ClassifiedError {
                guard let wait = policy.delay(after: attempt, error: error, unit: Double.random(in: 0..<1)) else {
                    throw error
                }
                sleep(wait)
                attempt += 1
            }
        }
    }

    private func attemptOnce<T>(
        _ call: UpstreamCall, build: () throws -> HTTPRequest, interpret: (HTTPResponse) throws -> T
    ) throws -> T {
        try gate?.admit(call)
        let response: HTTPResponse
        do {
            response = try http.perform(try build())
        } catch let error as HTTPClientError {
            gate?.record(call, failure: error)
            throw error
        }
        do {
            let value = try interpret(response)
            gate?.record(call, failure: nil)
            return value
        } catch let error as any ClassifiedError {
            gate?.record(call, failure: error)
            throw error
        } catch {
            gate?.record(call, failure: nil)
            throw error
        }
    }

    /// Blocks the calling thread; clients run on worker threads, never on the cooperative pool.
    static let threadSleep: @Sendable (Duration) -> Void = { duration in
        Thread.sleep(forTimeInterval: duration.inSeconds)
    }
}
