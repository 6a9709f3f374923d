// A task executor on a thread of its own. Async tests that prefer it (`withTaskExecutorPreference`)
// keep running while blocking tests in the same process hold every thread of Swift's cooperative
// pool (two on a 2-core machine), as an in-process server's tests otherwise could not.

import Foundation

/// Runs the jobs it is given, in order, on one dedicated thread. After `shutdown()` the thread
/// ends whenever it runs out of work; a job that comes later (a task finishing after the test)
/// gets a thread of its own again, so no task is ever stranded.
public final class ThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let name: String
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []  // guarded by `condition`
    private var stopping = false  // guarded by `condition`
    private var running = false  // guarded by `condition`

    /// Starts the thread, named `name` (for stack dumps).
    public init(name: String) {
        self.name = name
        condition.lock()
        startThread()
        condition.unlock()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        if !running { startThread() }
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread finish the jobs it has, then end.
    public func shutdown() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    /// Starts the worker thread; the caller holds `condition`.
    private func startThread() {
        running = true
        let thread = Thread { [self] in work() }
        thread.name = name
        thread.stackSize = 4 << 20
        thread.start()
    }

    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty {
                running = false
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
