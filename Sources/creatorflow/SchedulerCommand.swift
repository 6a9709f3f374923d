// `creatorflow scheduler`: fires the schedules from config; run as many as you like.

import ArgumentParser
import Foundation
import Logging
import Queue
import Redis
import Scheduler

struct SchedulerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler", abstract: "Fire periodic jobs from config (each tick exactly once fleet-wide).")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        Log.bootstrap()
        let fleet = try common.load()
        try fleet.requireUsableSchema(logger: Logger(label: "creatorflow.scheduler"))
        let worker = fleet.worker
        let scheduler = SchedulerProcess(
            schedules: fleet.schedules, logger: Logger(label: "creatorflow.scheduler"),
            maxAttempts: { worker.policy(for: $0).retry.maxAttempts }
        ) {
            RedisJobQueue(connection: try RedisConnection(url: fleet.redisURL), settings: worker.queue, processId: "scheduler")
        }
        try await ServiceRunner.run([scheduler], shutdownSeconds: 10, logger: Logger(label: "creatorflow.scheduler"))
    }
}
