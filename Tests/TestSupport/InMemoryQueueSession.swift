// One process's session on an InMemoryQueue: the QueueSession a worker thread uses in unit tests.

import Foundation
import Queue

/// What `WorkerProcess` needs from a queue, served from an `InMemoryQueue`.
public final class InMemoryQueueSession: QueueSession {
    public let queue: InMemoryQueue
    public let processId: String

    init(queue: InMemoryQueue, processId: String) {
        self.queue = queue
        self.processId = processId
    }

    public func claim(from queue: String, max: Int) throws -> [ClaimedJob] {
        self.queue.state.withLock { s in
            let taken = Array((s.jobs[queue] ?? []).prefix(max))
            if taken.isEmpty { return [] }
            s.jobs[queue]!.removeFirst(taken.count)
            s.inFlight[processId, default: [:]][queue, default: []].append(contentsOf: taken)
            return taken.map { ClaimedJob(queue: queue, raw: $0) }
        }
    }

    public func waitForWork(timeout: Double) throws -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while true {
            let woken = queue.state.withLock { s in
                guard s.wakeTokens > 0 else { return false }
                s.wakeTokens -= 1
                return true
            }
            if woken { return true }
            if Date() >= end { return false }
            Thread.sleep(forTimeInterval: min(0.005, max(0, end.timeIntervalSinceNow)))
        }
    }

    @discardableResult
    public func settle(_ jobs: [SettledJob], now: Double) throws -> [ClaimedJob] {
        queue.state.withLock { s in
            var fenced: [ClaimedJob] = []
            func bump(_ name: String, _ kind: String) {
                s.counters[name, default: 0] += 1
                s.counters["\(name):\(kind)", default: 0] += 1
            }
            for settled in jobs {
                let job = settled.job
                guard let index = s.inFlight[processId]?[job.queue]?.lastIndex(of: job.raw) else {
                    fenced.append(job)
                    continue
                }
                s.inFlight[processId]![job.queue]!.remove(at: index)
                switch settled.settlement {
                case .ack:
                    bump("processed", settled.kind)
                case .retry(let raw, let runAt):
                    s.waiting[job.queue, default: []].append((runAt, raw))
                    bump("failed", settled.kind)
                    bump("retried", settled.kind)
                case .bury(let letter):
                    s.dead[job.queue, default: []].append(letter)
                    bump("failed", settled.kind)
                    bump("dead", settled.kind)
                case .requeue:
                    s.jobs[job.queue, default: []].insert(job.raw, at: 0)
                    s.wake()
                }
            }
            return fenced
        }
    }

    @discardableResult
    public func heartbeat(queues: [String], info: String) throws -> Bool {
        queue.state.withLock { s in
            s.workers[processId] = info
            s.queues.formUnion(queues)
        }
        return false
    }

    public func deregister(queues: [String]) throws {
        queue.state.withLock { _ = $0.workers.removeValue(forKey: processId) }
    }

    public func publishDurations(_ histograms: [String: [String: JobDurationHistogram]]) throws {
        queue.state.withLock { s in
            for (queue, kinds) in histograms {
                for (kind, histogram) in kinds {
                    var total = s.durations[queue, default: [:]][kind, default: JobDurationHistogram()]
                    for (index, count) in histogram.buckets.enumerated() { total.buckets[index] += count }
                    total.sum += histogram.sum
                    s.durations[queue, default: [:]][kind] = total
                }
            }
        }
    }

    /// Always empty: the in-memory dead letters have no caps.
    public func deadOverflow(queue: String, limit: Int) throws -> [DeadLetter] { [] }

    public func forgetOverflow(queue: String, ids: [String]) throws {}

    public func ownInFlight(queue: String) throws -> [String] {
        self.queue.state.withLock { $0.inFlight[processId]?[queue] ?? [] }
    }

    public func allQueues() throws -> [String] { queue.state.withLock { $0.queues.sorted() } }

    public func tryLock(_ role: String, queue: String, seconds: Double) throws -> Bool {
        let now = Date().timeIntervalSince1970
        return self.queue.state.withLock { s in
            let key = "\(queue)/\(role)"
            if let until = s.locks[key], until > now { return false }
            s.locks[key] = now + seconds
            return true
        }
    }

    /// Always 0: leases never lapse in memory.
    public func reapExpired(now: Double) throws -> Int { 0 }

    public func promoteDue(queues: [String], now: Double) throws -> Int {
        queue.state.withLock { s in
            var moved = 0
            for queue in queues {
                let due = (s.waiting[queue] ?? []).filter { $0.runAt <= now }.sorted { $0.runAt < $1.runAt }
                if due.isEmpty { continue }
                s.waiting[queue]!.removeAll { $0.runAt <= now }
                s.jobs[queue, default: []].append(contentsOf: due.map(\.raw))
                moved += due.count
            }
            if moved > 0 { s.wake() }
            return moved
        }
    }
}
