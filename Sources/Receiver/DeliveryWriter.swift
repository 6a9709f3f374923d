// Stores webhook deliveries and enqueues their jobs, many per round trip when they arrive together.
// Each delivery joins a shared list and asks the blocking pool for a turn; the pool thread that
// runs next takes every delivery waiting (up to `maxBatch`), inserts them with one statement and
// one commit, and enqueues their jobs with one Redis call. A lone delivery is one insert, as
// before; under load deliveries share a commit instead of each queuing for its own. A batch whose
// insert fails for what it holds (not for a lost connection) is written again one delivery at a
// time, so a bad row fails only its own delivery. Nothing is answered before its commit.

import Foundation
import Jobs
import Queue
import Store

/// What storing one delivery did: the insert's outcome and, for a new order event, its job and
/// why it could not be enqueued (the relay enqueues it later).
struct StoredDelivery: Sendable {
    var outcome: WebhookEventStore.InsertResult
    var job: ClassifyJob?
    var enqueueError: String?
}

/// The intake's writer of deliveries, shared by every request of a web process.
final class DeliveryWriter: Sendable {
    private struct Waiting: Sendable {
        let row: NewWebhookEvent
        let startsJob: Bool
        let call: PendingCall<StoredDelivery>
    }

    private let pool: BlockingPool
    private let jobs: JobEnqueueSettings
    /// The most deliveries one insert carries.
    let maxBatch: Int
    private let waiting = Locked<[Waiting]>([])

    init(pool: BlockingPool, jobs: JobEnqueueSettings, maxBatch: Int = WebhookEventStore.largestBatch) {
        self.pool = pool
        self.jobs = jobs
        self.maxBatch = maxBatch
    }

    /// Deliveries waiting for a pool thread's turn.
    var waitingCount: Int { waiting.withLock { $0.count } }

    /// Stores `row` (committed when this returns) and, when `startsJob` and it is new, enqueues its
    /// classify job. Cancelling the task stops the wait (a batch already taken still commits).
    func store(_ row: NewWebhookEvent, startsJob: Bool) async throws -> StoredDelivery {
        let call = PendingCall<StoredDelivery>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                call.attach(continuation)
                waiting.withLock { $0.append(Waiting(row: row, startsJob: startsJob, call: call)) }
                if !pool.submit({ connections in self.writeWaiting(&connections) }) {
                    for delivery in take(all: true) { delivery.call.complete(.failure(BlockingPoolError.shutDown)) }
                }
            }
        } onCancel: {
            call.cancel()
        }
    }

    /// On a pool thread: writes the deliveries waiting now (none when another turn took them).
    private func writeWaiting(_ connections: inout Connections) {
        let batch = take(all: false).filter { $0.call.isAwaited }
        guard !batch.isEmpty else { return }
        do {
            let stored = try write(batch, &connections)
            for (delivery, result) in zip(batch, stored) { delivery.call.complete(.success(result)) }
        } catch {
            connections.discard(after: error)
            guard batch.count > 1, let failure = error as? PostgresError, !failure.isRetryable else {
                for delivery in batch { delivery.call.complete(.failure(error)) }
                return
            }
            for delivery in batch {
                let result = Result { try write([delivery], &connections)[0] }
                if case .failure(let error) = result { connections.discard(after: error) }
                delivery.call.complete(result)
            }
        }
    }

    /// Inserts `batch` and enqueues the jobs of its new order events; a failed enqueue is marked on
    /// the events so the relay enqueues them as soon as Redis answers.
    private func write(_ batch: [Waiting], _ connections: inout Connections) throws -> [StoredDelivery] {
        let store = WebhookEventStore(connection: try connections.postgres())
        let outcomes = try store.insert(batch.map(\.row))
        var stored = outcomes.map { StoredDelivery(outcome: $0, job: nil, enqueueError: nil) }
        var newJobs: [(index: Int, eventId: Int64, job: NewJob<ClassifyJob>)] = []
        let now = Date().timeIntervalSince1970
        for (index, delivery) in batch.enumerated() where delivery.startsJob {
            guard case .inserted(let eventId) = outcomes[index], let orderEvent = delivery.row.orderEvent(id: eventId)
            else { continue }
            let job = ClassifyJob.newJob(for: orderEvent, queue: jobs.queue, maxAttempts: jobs.maxAttempts, now: now)
            newJobs.append((index, eventId, job))
        }
        guard !newJobs.isEmpty else { return stored }
        for entry in newJobs { stored[entry.index].job = entry.job.args }
        do {
            try RedisJobQueue(connection: connections.redis(), settings: jobs.queueSettings, processId: "receiver")
                .enqueue(newJobs.map { try $0.job.encoded() })
        } catch {
            connections.discard(after: error)
            for entry in newJobs {
                // Told so, the relay enqueues it as soon as Redis answers; if this mark fails too,
                // the grace period still brings it.
                try? store.markEnqueueFailed(id: entry.eventId)
                stored[entry.index].enqueueError = "\(error)"
            }
        }
        return stored
    }

    /// The deliveries waiting: every one, or the first `maxBatch`.
    private func take(all: Bool) -> [Waiting] {
        waiting.withLock { waiting in
            let count = all ? waiting.count : min(waiting.count, maxBatch)
            let taken = Array(waiting.prefix(count))
            waiting.removeFirst(count)
            return taken
        }
    }
}
