// The one production binary: `creatorflow <command>`. Commands only wire libraries together.

import ArgumentParser

@main
struct CreatorFlow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "creatorflow",
        abstract: "TikTok Shop fulfilment job fleet: worker, queues and operator tools.",
        subcommands: [WorkerCommand.self, MigrateCommand.self, EnqueueCommand.self, QueuesCommand.self, DeadCommand.self, RetriesCommand.self, ScheduledCommand.self, WorkersCommand.self, SchedulerCommand.self, WebCommand.self, ShopsCommand.self, PurchaseOrdersCommand.self, ForecastCommand.self, DashboardCommand.self])
}
