// `creatorflow worker`: runs jobs until SIGTERM/SIGINT (drain), SIGTSTP makes it quiet.

import ArgumentParser
import Dispatch
import Foundation
import Fulfilment
import Logging
import Queue
import Redis
import ServiceLifecycle
import Store
import Worker

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Run jobs from the queues until SIGTERM.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Queues in priority order, comma-separated (default: from config).")
    var queues: String?

    @Option(help: "Job slots (handlers running at once).")
    var concurrency: Int?

    func validate() throws {
        if let concurrency, concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if let queues, queues.split(separator: ",").isEmpty { throw ValidationError("--queues names no queue") }
    }

    func run() async throws {
        Log.bootstrap()
        var fleet = try common.load()
        try fleet.requireUsableSchema(logger: Logger(label: "creatorflow.worker"))
        if let queues {
            let names = queues.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            if case .weighted(let pairs) = fleet.worker.order {
                let weights = Dictionary(pairs.map { ($0.name, $0.weight) }, uniquingKeysWith: { a, _ in a })
                fleet.worker.order = .weighted(names.map { ($0, weights[$0] ?? 1) })
            } else {
                fleet.worker.order = .strict(names)
            }
        }
        if let concurrency { fleet.worker.concurrency = concurrency }
        let url = fleet.redisURL
        let settings = fleet.worker.queue
        let logger = Logger(label: "creatorflow.worker")
        let recorder: (@Sendable () throws -> any RunRecorder)?
        var housekeeper: Housekeeper?
        let stopping = CancellationFlag()
        let processId = WorkerProcess.makeProcessId()
        var registry = JobRegistry.diagnostics
        if fleet.databaseURL != nil {
            registry = .fulfilment(fleet.fulfilmentServices(stopping: stopping))
            recorder = { [fleet] in PostgresRecorder(connection: try fleet.postgres()) }
            housekeeper = Housekeeper(
                relay: OutboxRelay(settings: fleet.relay, logger: Logger(label: "creatorflow.relay")),
                retention: fleet.retention, logger: Logger(label: "creatorflow.housekeeping"),
                makePostgres: { [fleet] in try fleet.postgres() },
                makeQueue: { RedisJobQueue(connection: try RedisConnection(url: url), settings: settings, processId: processId) })
        } else {
            logger.warning("DATABASE_URL is not set: job runs are not recorded and only diagnostic kinds run")
            recorder = nil
        }
        let process = WorkerProcess(
            config: fleet.worker, registry: registry, processId: processId, logger: logger, makeRecorder: recorder
        ) { processId in
            RedisJobQueue(connection: try RedisConnection(url: url), settings: settings, processId: processId)
        }
        let quiet = SignalWatcher()
        quiet.on(SIGTSTP) { process.setQuiet(true) }
        quiet.on(SIGCONT) { process.setQuiet(false) }
        // Shutdown runs in reverse order: handlers hear of it, the worker drains, the housekeeper stops.
        let services: [any Service] = (housekeeper.map { [$0] } ?? []) + [process, DrainNotice(stopping: stopping)]
        try await ServiceRunner.run(services, shutdownSeconds: fleet.worker.shutdownDeadlineSeconds + 10, logger: logger)
        withExtendedLifetime(quiet) {}
    }
}
