// The scheduler: fires each schedule's ticks. Any number may run; each tick fires exactly once
// (an atomic claim-and-enqueue per tick), and after downtime only the current tick fires.

import Domain
import Foundation
import Logging
import Queue

/// Runs schedules until `stop()`.
public final class SchedulerProcess: Sendable {
    private let schedules: [Schedule]
    private let makeSession: @Sendable () throws -> RedisJobQueue
    private let maxAttempts: @Sendable (String) -> Int
    private let logger: Logger
    private let clock: @Sendable () -> Date
    private let stopping = StopFlag()

    public init(
        schedules: [Schedule], logger: Logger, clock: @escaping @Sendable () -> Date = Date.init,
        maxAttempts: @escaping @Sendable (String) -> Int, makeSession: @escaping @Sendable () throws -> RedisJobQueue
    ) {
        self.schedules = schedules
        self.logger = logger
        self.clock = clock
        self.maxAttempts = maxAttempts
        self.makeSession = makeSession
    }

    /// Blocks, firing ticks, until `stop()`.
    public func runUntilStopped() {
        logger.info("scheduler started", metadata: ["schedules": "\(schedules.map(\.name).joined(separator: ","))"])
        var session: RedisJobQueue?
        var fired: [String: Date] = [:]
        while !stopping.isSet {
            for schedule in schedules {
                guard let tick = schedule.cadence.currentTick(at: clock()), fired[schedule.name] != tick else { continue }
                do {
                    if session == nil { session = try makeSession() }
                    if try fire(schedule, tick: tick, session: session!) {
                        logger.info("schedule fired", metadata: ["schedule": "\(schedule.name)", "tick": "\(tick.timeIntervalSince1970)"])
                    }
                    fired[schedule.name] = tick
                } catch {
                    logger.error("schedule tick failed; will retry", metadata: ["schedule": "\(schedule.name)", "error": "\(error)"])
                    session = nil
                }
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        logger.info("scheduler stopped")
    }

    /// Stops the loop (SIGTERM / SIGINT).
    public func stop() { stopping.set() }

    private func fire(_ schedule: Schedule, tick: Date, session: RedisJobQueue) throws -> Bool {
        let args = try JSONDecoder().decode(JSONValue.self, from: Data(schedule.args.utf8))
        let job = try NewJob(
            id: schedule.jobID(tick: tick), kind: schedule.kind, queue: schedule.queue, args: args,
            maxAttempts: maxAttempts(schedule.kind), correlation: "schedule:\(schedule.name)",
            now: clock().timeIntervalSince1970
        ).encoded()
        let keep: Double
        switch schedule.cadence {
        case .every(let seconds): keep = max(seconds * 3, 120)
        case .cron: keep = 3 * 86_400
        }
        return try session.fireTick(
            schedule: schedule.name, tickMs: Int64(tick.timeIntervalSince1970 * 1000), job: job, keepSeconds: keep)
    }
}

/// A flag set once from any thread.
final class StopFlag: Sendable {
    private let value = Locked(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
