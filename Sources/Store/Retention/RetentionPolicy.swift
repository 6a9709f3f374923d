// How long each pruned table keeps its rows, with the product defaults, and one call that
// applies the whole policy (what the scheduled retention job runs).

import Foundation

/// Per-table retention ages in days, plus the delete batch size.
public struct RetentionPolicy: Sendable, Equatable {
    public var jobRunsDays: Int
    public var webhookEventsDays: Int
    public var healthChecksDays: Int
    /// The live dashboard's event log: web processes read it within seconds.
    public var dashboardEventsDays: Int
    public var batchSize: Int

    public init(
        jobRunsDays: Int = 30, webhookEventsDays: Int = 90, healthChecksDays: Int = 14, dashboardEventsDays: Int = 1,
        batchSize: Int = 5000
    ) {
        self.jobRunsDays = jobRunsDays
        self.webhookEventsDays = webhookEventsDays
        self.healthChecksDays = healthChecksDays
        self.dashboardEventsDays = dashboardEventsDays
        self.batchSize = batchSize
    }

    /// The retention age of `table` in days.
    public func days(for table: RetentionTable) -> Int {
        switch table {
        case .jobRuns: return jobRunsDays
        case .webhookEvents: return webhookEventsDays
        case .healthChecks: return healthChecksDays
        case .dashboardEvents: return dashboardEventsDays
        }
    }

    /// Prunes every table; returns rows deleted per table.
    @discardableResult
    public func prune(_ connection: PostgresConnection, now: Date = Date()) throws -> [RetentionTable: Int] {
        var deleted: [RetentionTable: Int] = [:]
        for table in RetentionTable.allCases {
            deleted[table] = try Retention.prune(
                connection, table: table, olderThanDays: days(for: table), batchSize: batchSize, now: now)
        }
        return deleted
    }
}
