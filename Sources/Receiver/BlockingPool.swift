// Runs blocking C calls (libpq, hiredis) on a fixed set of dedicated threads, never on Swift's
// cooperative pool or a NIO event loop. Each thread owns its own Connections; callers await a
// checked continuation that the thread resumes. Threads start with the first call.

import Dispatch
import Foundation
import Queue
import Logging

/// A fixed pool of threads, each with its own PostgreSQL and Redis connection.
public final class BlockingPool: Sendable {
    /// One queued call, run on whichever thread takes it.
    typealias Work = @Sendable (inout Connections) -> Void

    private struct State {
        var queue: [Work] = []
        var head = 0
        var started = false
        var stopping = false
        var liveThreads = 0
        var drainWaiters: [CheckedContinuation<Void, Never>] = []
    }

    /// The number of threads.
    public let size: Int
    private let settings: ConnectionSettings
    private let logger: Logger
    private let state = Locked(State())
    private let wakeups = DispatchSemaphore(value: 0)

    /// A pool of `size` threads (default 8) connecting with `settings`.
    public init(size: Int = 8, settings: ConnectionSettings, logger: Logger) {
        precondition(size >= 1, "a blocking pool needs at least one thread")
        self.size = size
        self.settings = settings
        self.logger = logger
    }

    /// Runs `body` on a pool thread with that thread's connections and returns its result. A
    /// connection `body` fails on is dropped and reopened by the next call. Cancelling the task
    /// stops the wait at once (a call already running still finishes on its thread).
    public func run<T: Sendable>(_ body: @escaping @Sendable (inout Connections) throws -> T) async throws -> T {
        let call = PendingCall<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                call.attach(continuation)
                let accepted = submit { connections in
                    guard call.isAwaited else { return }
                    let result = Result { try body(&connections) }
                    if case .failure(let error) = result { connections.discard(after: error) }
                    call.complete(result)
                }
                if !accepted { call.complete(.failure(BlockingPoolError.shutDown)) }
            }
        } onCancel: {
            call.cancel()
        }
    }

    /// Like `run(_:)`, but gives up with `BlockingPoolError.timedOut` after `timeout`.
    public func run<T: Sendable>(
        timeout: Duration, _ body: @escaping @Sendable (inout Connections) throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await self.run(body) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw BlockingPoolError.timedOut(timeout)
            }
            return value
        }
    }

    /// Calls accepted and not yet taken by a thread.
    public var waitingCalls: Int { state.withLock { $0.queue.count - $0.head } }

    /// Stops taking calls, lets the queued ones finish, and returns when every thread has exited
    /// (closing its connections).
    public func shutdown() async {
        let tokens = state.withLock { state -> Int in
            if state.stopping { return 0 }
            state.stopping = true
            return state.started ? size : 0
        }
        for _ in 0..<tokens { wakeups.signal() }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let finished = state.withLock { state -> Bool in
                if state.liveThreads == 0 { return true }
                state.drainWaiters.append(continuation)
                return false
            }
            if finished { continuation.resume() }
        }
    }

    /// Queues `work` for the next free thread without waiting for it; false once the pool stops.
    func submit(_ work: @escaping Work) -> Bool {
        let (accepted, startThreads) = state.withLock { state -> (Bool, Bool) in
            if state.stopping { return (false, false) }
            state.queue.append(work)
            if state.started { return (true, false) }
            state.started = true
            state.liveThreads = size
            return (true, true)
        }
        if startThreads {
            for index in 0..<size {
                Thread { [self] in threadMain(name: "cf-blocking-\(index)") }.start()
            }
        }
        if accepted { wakeups.signal() }
        return accepted
    }

    /// One thread's life; `name` (short: Linux keeps 15 bytes) shows in `top -H` and debuggers.
    private func threadMain(name: String) {
        Thread.current.name = name
        var connections = Connections(settings: settings, logger: logger)
        while let work = nextWork() { work(&connections) }
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.liveThreads -= 1
            guard state.liveThreads == 0 else { return [] }
            defer { state.drainWaiters = [] }
            return state.drainWaiters
        }
        waiters.forEach { $0.resume() }
    }

    /// Blocks until there is work (returned) or the pool stops with an empty queue (nil).
    private func nextWork() -> Work? {
        while true {
            wakeups.wait()
            let (work, exit) = state.withLock { state -> (Work?, Bool) in
                guard state.head < state.queue.count else { return (nil, state.stopping) }
                let work = state.queue[state.head]
                state.head += 1
                if state.head == state.queue.count {
                    state.queue.removeAll(keepingCapacity: true)
                    state.head = 0
                }
                return (work, false)
            }
            if let work { return work }
            if exit { return nil }
        }
    }
}
