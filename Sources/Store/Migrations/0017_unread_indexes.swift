// Migration 17: three B-tree indexes no query reads. Each write of their tables added an entry to
// them, and an order's row is written four or five times (a state change moves the row, so it is
// never a HOT update), its job runs six or seven:
// - `orders_customer_idx`: no query looks orders up by customer, and customers are never deleted,
//   so the foreign key does not need it;
// - `orders_ordered_idx`: sales windows read `order_lines_sales_idx` (migration 8), and nothing
//   else ranges over an order's time;
// - `job_runs_kind_finished_idx`: job runs are read by job, by correlation and, for retention, by
//   `finished_at` alone.

extension Migration {
    /// `orders_customer_idx`, `orders_ordered_idx` and `job_runs_kind_finished_idx` dropped.
    public static let unreadIndexes = Migration(
        version: 17, name: "unread_indexes",
        sql: """
            DROP INDEX orders_customer_idx;
            DROP INDEX orders_ordered_idx;
            DROP INDEX job_runs_kind_finished_idx;
            """)
}
