// Migration 11: the content monitor's memory. Each poll of TikTok's video analytics stores one
// row per video with its cumulative counts (rates come from differences between polls), and the
// products each video tags; a video reaches a SKU through `inventory.product_id`.

extension Migration {
    /// `content_video_snapshots`, `content_video_products` and an index on `inventory.product_id`.
    public static let contentSnapshots = Migration(
        version: 11, name: "content_snapshots",
        sql: """
            CREATE TABLE content_video_snapshots (
                shop_id bigint NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
                video_id text NOT NULL,
                polled_at timestamptz NOT NULL,
                views bigint NOT NULL CHECK (views >= 0),
                units_sold bigint CHECK (units_sold >= 0),
                sku_orders bigint CHECK (sku_orders >= 0),
                click_through_rate double precision CHECK (click_through_rate BETWEEN 0 AND 1),
                video_post_time timestamptz,
                PRIMARY KEY (shop_id, video_id, polled_at)
            );
            CREATE INDEX content_video_snapshots_polled_idx ON content_video_snapshots (polled_at);

            CREATE TABLE content_video_products (
                shop_id bigint NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
                video_id text NOT NULL,
                product_id text NOT NULL,
                first_seen_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (shop_id, video_id, product_id)
            );
            CREATE INDEX content_video_products_product_idx ON content_video_products (product_id);

            CREATE INDEX inventory_product_idx ON inventory (product_id);
            """)
}
