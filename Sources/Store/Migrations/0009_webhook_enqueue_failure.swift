// Migration 9: a webhook event keeps the order status it carried (so the relay rebuilds the same
// classify job the receiver built) and when the receiver's enqueue of its job failed (so the relay
// enqueues it as soon as Redis answers, without waiting for the grace period).

extension Migration {
    /// `webhook_events.order_status`, `webhook_events.enqueue_failed_at` and its partial index.
    public static let webhookEnqueueFailure = Migration(
        version: 9, name: "webhook_enqueue_failure",
        sql: """
            ALTER TABLE webhook_events ADD COLUMN order_status text, ADD COLUMN enqueue_failed_at timestamptz;
            CREATE INDEX webhook_events_enqueue_failed_idx ON webhook_events (id)
                WHERE enqueue_failed_at IS NOT NULL AND processed_at IS NULL;
            """)
}
