// Migration 7: which transaction last raised an inventory row's `sync_pending`, so the statement
// that changes stock can also request its TikTok stock sync and learn, from its own RETURNING,
// whether it was the one that raised it (one statement under the hot row's lock instead of two).

extension Migration {
    /// `inventory.sync_requested_txid`.
    public static let inventorySyncRequest = Migration(
        version: 7, name: "inventory_sync_request",
        sql: "ALTER TABLE inventory ADD COLUMN sync_requested_txid bigint;")
}
