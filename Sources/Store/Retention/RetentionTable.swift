// The tables that retention prunes, each with the timestamp that ages its rows and any rows it
// must keep regardless of age. Names are constants, so pruning splices no caller text into SQL.

/// A table whose old rows are deleted by `Retention`.
public enum RetentionTable: String, Sendable, CaseIterable {
    /// Job attempts, aged by `finished_at`.
    case jobRuns = "job_runs"
    /// Webhook events, aged by `received_at`; unprocessed events are never pruned.
    case webhookEvents = "webhook_events"
    /// Health check results, aged by `checked_at`.
    case healthChecks = "health_checks"
    /// The dashboard's event log, aged by `at`.
    case dashboardEvents = "dashboard_events"

    var timestampColumn: String {
        switch self {
        case .jobRuns: return "finished_at"
        case .webhookEvents: return "received_at"
        case .healthChecks: return "checked_at"
        case .dashboardEvents: return "at"
        }
    }

    /// The batched delete: `$1` is the cutoff instant, `$2` the batch size.
    var deleteBatchSQL: String {
        let keep = self == .webhookEvents ? " AND processed_at IS NOT NULL" : ""
        return """
            DELETE FROM \(rawValue) WHERE ctid IN (
                SELECT ctid FROM \(rawValue) WHERE \(timestampColumn) < $1\(keep) LIMIT $2
            )
            """
    }
}
