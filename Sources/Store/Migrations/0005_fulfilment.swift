// Migration 5: what the fulfilment pipeline needs beyond the core schema — TikTok timestamps and
// package on orders, per-SKU sync and purchasing data on inventory, purchase order arrival, and
// one live shipment per order (a voided label can be followed by a new one).

extension Migration {
    /// Pipeline columns on orders, inventory and purchase orders.
    public static let fulfilment = Migration(
        version: 5, name: "fulfilment",
        sql: """
            ALTER TABLE orders
                ADD COLUMN ordered_at timestamptz,
                ADD COLUMN tiktok_update_time bigint,
                ADD COLUMN package_id text,
                ADD COLUMN shipped_at timestamptz,
                ADD COLUMN delivered_at timestamptz,
                ADD COLUMN cancelled_at timestamptz;
            CREATE INDEX orders_backordered_idx ON orders (priority_score DESC, ordered_at)
                WHERE internal_state = 'backordered';
            CREATE INDEX orders_ordered_idx ON orders (ordered_at);

            ALTER TABLE inventory
                ADD COLUMN product_id text,
                ADD COLUMN warehouse_id text,
                ADD COLUMN unit_cost_minor bigint NOT NULL DEFAULT 0 CHECK (unit_cost_minor >= 0),
                ADD COLUMN currency text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
                ADD COLUMN synced_available integer,
                ADD COLUMN synced_at timestamptz,
                ADD COLUMN sync_pending boolean NOT NULL DEFAULT false;

            ALTER TABLE purchase_orders ADD COLUMN received_at timestamptz;

            ALTER TABLE shipments DROP CONSTRAINT shipments_order_id_key;
            CREATE UNIQUE INDEX shipments_one_live_per_order ON shipments (order_id)
                WHERE status IN ('rated', 'purchased');
            CREATE INDEX shipments_order_idx ON shipments (order_id);
            """)
}
