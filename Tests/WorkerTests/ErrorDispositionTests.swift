// Every error a handler throws is retried or dead-lettered by its own disposition, mapped in one
// place: a CHECK violation, an undefined column, an illegal order transition or corrupt data go
// straight to the dead letters; a lost connection retries; a slow success is a success.

import Domain
import Foundation
import Jobs
import Queue
import Redis
import Store
import Testing
import TestSupport
import Worker

struct ThrowJob: JobPayload {
    static let kind = "throw"
    var error: String
}

/// Throws the error its payload names, as a handler deep in the pipeline would.
struct ThrowHandler: JobHandler {
    static let errors: [String: any Error] = [
        "check": PostgresError(kind: .server, sqlState: "23514", message: "violates check constraint", constraint: "on_hand_non_negative"),
        "undefined-column": PostgresError(kind: .server, sqlState: "42703", message: #"column "priority" does not exist"#),
        "undefined-table": PostgresError(kind: .server, sqlState: "42P01", message: #"relation "job_runs" does not exist"#),
        "illegal": IllegalTransition(from: .shipped, to: .reserved),
        "lost": PostgresError(kind: .connection, message: "server closed the connection unexpectedly"),
        "redis": RedisError.connection("Connection refused"),
    ]

    func handle(_ payload: ThrowJob, context: JobContext) throws {
        throw Self.errors[payload.error]!
    }
}

/// Succeeds after sleeping past its time limit without looking at the cancellation.
struct SlowSuccessJob: JobPayload {
    static let kind = "slow-success"
}

struct SlowSuccessHandler: JobHandler {
    func handle(_ payload: SlowSuccessJob, context: JobContext) throws {
        Thread.sleep(forTimeInterval: 0.5)
    }
}

@Suite struct ErrorDispositionTests {
    static func worker() throws -> WorkerHarness {
        var registry = JobRegistry.diagnostics
        registry.register(ThrowHandler())
        registry.register(SlowSuccessHandler())
        return WorkerHarness(redis: try TestRedis(), registry: registry) {
            $0.policies["throw"] = immediate
            $0.policies["slow-success"] = KindPolicy(retry: immediate.retry, timeoutSeconds: 0.1)
        }
    }

    @Test(arguments: ["check", "undefined-column", "undefined-table", "illegal"])
    func permanentErrorsAreDeadAfterOneAttempt(error: String) throws {
        let worker = try Self.worker()
        worker.start()
        let job = try worker.enqueue(ThrowJob(error: error), maxAttempts: 3)
        #expect(try eventually(timeout: 10) { try worker.dead().count == 1 })
        #expect(worker.stop())
        let letter = try #require(try worker.dead().first)
        #expect(letter.id == job.id)
        #expect(letter.attempts == 1)
        #expect(letter.error == String(describing: ThrowHandler.errors[error]!))
        #expect(try worker.snapshot().retried == 0)
    }

    @Test(arguments: ["lost", "redis"])
    func retryableErrorsAreRetried(error: String) throws {
        let worker = try Self.worker()
        worker.start()
        _ = try worker.enqueue(ThrowJob(error: error), maxAttempts: 3)
        #expect(try eventually(timeout: 10) { try worker.dead().count == 1 })
        #expect(worker.stop())
        #expect(try worker.dead().first?.attempts == 3)
        #expect(try worker.snapshot().retried == 2)
    }

    @Test func aSlowSuccessIsASuccess() throws {
        let worker = try Self.worker()
        worker.start()
        _ = try worker.enqueue(SlowSuccessJob())
        #expect(try eventually(timeout: 10) { try worker.snapshot().processed == 1 })
        #expect(worker.stop())
        let snapshot = try worker.snapshot()
        #expect(snapshot.retried == 0)
        #expect(snapshot.failed == 0)
    }
}

@Suite struct JobFailureMappingTests {
    @Test func eachErrorKeepsItsDispositionAndUpstreamWait() {
        #expect(JobFailure(PostgresError(kind: .server, sqlState: "40001", message: "serialization")).disposition == .retryable)
        #expect(JobFailure(PostgresError(kind: .server, sqlState: "55P03", message: "lock timeout")).disposition == .retryable)
        #expect(JobFailure(PostgresError(kind: .server, sqlState: "23505", message: "duplicate")).isPermanent)
        #expect(JobFailure(IllegalTransition(from: .delivered, to: .labelled)).isPermanent)
        #expect(JobFailure(RedisError.server(command: "EVALSHA", message: "OOM command not allowed")).disposition == .retryable)
        #expect(JobFailure(CancellationError()) == .retryable("cancelled"))
        #expect(JobFailure(JobFailure.permanent("bad input")) == .permanent("bad input"))
        struct Unclassified: Error {}
        #expect(JobFailure(Unclassified()).disposition == .retryable)
        struct Throttled: DispositionedError { var disposition: ErrorDisposition { .retryable(after: .seconds(7)) } }
        guard case .retryable(_, let after) = JobFailure(Throttled()) else { Issue.record("not retryable"); return }
        #expect(after == 7)
    }
}
