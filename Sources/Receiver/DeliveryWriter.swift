// Stores webhook deliveries and enqueues their jobs, many per round trip when they arrive together.
// Deliveries join a shared list; at most `maxWriters` pool threads write at once, each taking
// every delivery waiting (up to `maxBatch`), inserting them with one statement and one commit and
// enqueuing their jobs with one Redis call, then taking the next batch until none waits. A lone
// delivery is one insert, as before; under load deliveries share a commit instead of each paying
// for its own. A batch whose insert fails for what it holds (not for a lost connection) is
// written again one delivery at a time, so a bad row fails only its own delivery. Nothing is
// answered before its commit.

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

    private struct State {
        var waiting: [Waiting] = []
        /// Pool threads writing (or asked to).
        var writers = 0
    }

    private let pool: BlockingPool
    private let jobs: JobEnqueueSettings
    /// The most deliveries one insert carries.
    let maxBatch: Int
    /// The most pool threads writing deliveries at once: half the pool at most, so readiness
    /// checks, the dashboard and EasyPost's intake always find a thread.
    let maxWriters: Int
    private let state = Locked(State())

    init(pool: BlockingPool, jobs: JobEnqueueSettings, maxBatch: Int = 32, maxWriters: Int = 4) {
        self.pool = pool
        self.jobs = jobs
        self.maxBatch = maxBatch
        self.maxWriters = max(1, min(maxWriters, pool.size / 2))
    }

    /// Deliveries waiting for a writer.
    var waitingCount: Int { state.withLock { $0.waiting.count } }

    /// Stores `row` (committed when this returns) and, when `startsJob` and it is new, enqueues its
    /// classify job. Cancelling the task stops the wait (a batch already taken still commits).
    func store(_ row: NewWebhookEvent, startsJob: Bool) async throws -> StoredDelivery {
        let call = PendingCall<StoredDelivery>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                call.attach(continuation)
                let startWriter = state.withLock { state -> Bool in
                    state.waiting.append(Waiting(row: row, startsJob: startsJob, call: call))
                    guard state.writers < maxWriters else { return false }
                    state.writers += 1
                    return true
                }
                if startWriter, !pool.submit({ connections in self.writeWhileWaiting(&connections) }) {
                    let refused = state.withLock { state -> [Waiting] in
                        state.writers -= 1
                        defer { state.waiting.removeAll() }
                        return state.waiting
                    }
                    for delivery in refused { delivery.call.complete(.failure(BlockingPoolError.shutDown)) }
                }
            }
        } onCancel: {
            call.cancel()
        }
    }

    /// On a pool thread: writes batches until no delivery waits.
    private func writeWhileWaiting(_ connections: inout Connections) {
        while let batch = nextBatch() {
            let awaited = batch.filter { $0.call.isAwaited }
            if !awaited.isEmpty { write(awaited, &connections) }
        }
    }

    /// The next deliveries to write, or nil (and this writer stops) when none waits.
    private func nextBatch() -> [Waiting]? {
        state.withLock { state in
            guard !state.waiting.isEmpty else {
                state.writers -= 1
                return nil
            }
            let count = min(state.waiting.count, maxBatch)
            defer { state.waiting.removeFirst(count) }
            return Array(state.waiting.prefix(count))
        }
    }

    /// Writes `batch` and answers each delivery; a batch refused for its content is written again
    /// one delivery at a time.
    private func write(_ batch: [Waiting], _ connections: inout Connections) {
        do {
            for (delivery, stored) in zip(batch, try store(batch, &connections)) { delivery.call.complete(.success(stored)) }
        } catch {
            connections.discard(after: error)
            guard batch.count > 1, let failure = error as? PostgresError, !failure.isRetryable else {
                for delivery in batch { delivery.call.complete(.failure(error)) }
                return
            }
            for delivery in batch {
                let result = Result { try store([delivery], &connections)[0] }
                if case .failure(let error) = result { connections.discard(after: error) }
                delivery.call.complete(result)
            }
        }
    }

    /// Inserts `batch` and enqueues the jobs of its new order events; a failed enqueue is marked on
    /// the events so the relay enqueues them as soon as Redis answers.
    private func store(_ batch: [Waiting], _ connections: inout Connections) throws -> [StoredDelivery] {
        let store = WebhookEventStore(connection: try connections.postgres())
        let outcomes = try store.insert(batch.map(\.row))
        var stored = outcomes.map { StoredDelivery(outcome: $0, job: nil, enqueueError: nil) }
        var newJobs: [(index: Int, eventId: Int64, job: NewJob<ClassifyJob>)] = []
        let now = Date().timeIntervalSince1970
        for (index, delivery) in batch.enumerated() where delivery.startsJob {
            guard case .inserted(let eventId) = outcomes[index], let orderEvent = delivery.row.orderEvent(id: eventId) else { continue }
            newJobs.append((index, eventId, ClassifyJob.newJob(for: orderEvent, queue: jobs.queue, maxAttempts: jobs.maxAttempts, now: now)))
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
}
