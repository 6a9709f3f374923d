// Deletes rows past their retention age in small batches (DELETE ... WHERE ctid IN (SELECT ...
// LIMIT n)), each its own short statement, so pruning never holds long locks or bloats one
// transaction.

import Foundation

/// Batched pruning of old rows.
public enum Retention {
    /// Deletes rows of `table` older than `days` days before `now`, `batchSize` rows per statement,
    /// until a batch comes back short; returns the rows deleted.
    @discardableResult
    public static func prune(
        _ connection: PostgresConnection, table: RetentionTable, olderThanDays days: Int, batchSize: Int = 5000,
        now: Date = Date()
    ) throws -> Int {
        guard days >= 0, batchSize > 0 else {
            throw PostgresError(
                kind: .invalidUsage, message: "retention needs days >= 0 and batchSize > 0, got \(days) and \(batchSize)")
        }
        let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
        var total = 0
        while true {
            let deleted = try connection.execute(table.deleteBatchSQL, [.date(cutoff), .int(batchSize)])
            total += deleted
            if deleted < batchSize { return total }
        }
    }
}
