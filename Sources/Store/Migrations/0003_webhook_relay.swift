// Migration 3: when the relay last (re-)enqueued an unprocessed webhook event, so a backlog is
// not re-enqueued on every pass.

extension Migration {
    /// `webhook_events.last_enqueued_at` for the outbox relay.
    public static let webhookRelay = Migration(
        version: 3, name: "webhook_relay",
        sql: """
            ALTER TABLE webhook_events ADD COLUMN last_enqueued_at timestamptz;
            CREATE INDEX webhook_events_relay_idx ON webhook_events (coalesce(last_enqueued_at, received_at))
                WHERE processed_at IS NULL;
            """)
}
