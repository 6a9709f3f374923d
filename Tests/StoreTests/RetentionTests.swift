// Retention deletes only rows older than each table's age, in batches, and never deletes
// webhook events that have not been processed.

import TestSupport
import Foundation
import Store
import Testing

@Suite struct RetentionTests {
    private let now = Date(timeIntervalSince1970: 1_714_000_000)

    private func daysAgo(_ days: Double) -> PostgresValue { .date(now.addingTimeInterval(-days * 86_400)) }

    @Test func prunesOnlyOldJobRunsInBatches() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let ages: [Double] = [45, 40, 35, 31, 29, 1, 0]
            for (index, age) in ages.enumerated() {
                try connection.execute(
                    """
                    INSERT INTO job_runs (job_id, attempt, kind, queue, outcome, duration_ms, finished_at)
                    VALUES ($1, 1, 'k', 'q', 'success', 1, $2)
                    """, [.string("job-\(index)"), daysAgo(age)])
            }
            let deleted = try Retention.prune(connection, table: .jobRuns, olderThanDays: 30, batchSize: 2, now: now)
            #expect(deleted == 4)
            let left = try connection.query("SELECT job_id FROM job_runs ORDER BY job_id").map { try $0["job_id", as: String.self] }
            #expect(left == ["job-4", "job-5", "job-6"])
            #expect(try Retention.prune(connection, table: .jobRuns, olderThanDays: 30, batchSize: 2, now: now) == 0)
        }
    }

    @Test func policyKeepsUnprocessedWebhooksAndRecentRows() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            let webhook = """
                INSERT INTO webhook_events (notification_id, type, shop_id, raw_body, received_at, processed_at)
                VALUES ($1, 1, 'shop', '\\x00', $2, $3)
                """
            try connection.execute(webhook, ["old-processed", daysAgo(100), daysAgo(99)])
            try connection.execute(webhook, ["old-unprocessed", daysAgo(100), nil])
            try connection.execute(webhook, ["new-processed", daysAgo(10), daysAgo(10)])
            let check = "INSERT INTO health_checks (subsystem, status, checked_at) VALUES ($1, 'ok', $2)"
            try connection.execute(check, ["old", daysAgo(15)])
            try connection.execute(check, ["new", daysAgo(13)])
            try connection.execute("DELETE FROM dashboard_events")
            let event = "INSERT INTO dashboard_events (payload, at) VALUES ($1, $2)"
            try connection.execute(event, ["{}", daysAgo(2)])
            try connection.execute(event, ["{}", daysAgo(0)])

            let deleted = try RetentionPolicy().prune(connection, now: now)
            #expect(deleted == [.jobRuns: 0, .webhookEvents: 1, .healthChecks: 1, .dashboardEvents: 1])
            let webhooks = try connection.query("SELECT notification_id FROM webhook_events ORDER BY notification_id")
                .map { try $0["notification_id", as: String.self] }
            #expect(webhooks == ["new-processed", "old-unprocessed"])
            let checks = try connection.query("SELECT subsystem FROM health_checks").map { try $0["subsystem", as: String.self] }
            #expect(checks == ["new"])
        }
    }

    @Test func defaultPolicyMatchesTheProductRules() {
        let policy = RetentionPolicy()
        #expect(policy.days(for: .jobRuns) == 30)
        #expect(policy.days(for: .webhookEvents) == 90)
        #expect(policy.days(for: .healthChecks) == 14)
        #expect(policy.days(for: .dashboardEvents) == 1)
    }

    @Test func rejectsNonsenseArguments() throws {
        try TestDatabase.withSchema { database in
            let connection = try database.migrated()
            #expect(throws: PostgresError.self) {
                try Retention.prune(connection, table: .jobRuns, olderThanDays: 30, batchSize: 0)
            }
        }
    }
}
