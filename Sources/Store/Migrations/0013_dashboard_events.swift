// Migration 13: the dashboard's live events. Triggers on the tables the dashboard shows send one
// NOTIFY per change on the channel `<schema>:dashboard`; PostgreSQL delivers a notification only
// when (and if) the transaction that caused it commits, in commit order, so a web process never
// shows a change that was rolled back. Each payload is a small JSON object with the event's
// `type`, its routing fields (`shop`, `subject`), `at` (the server's clock in epoch milliseconds
// when the change was made) and `txid` (its transaction, so a snapshot read in a transaction of
// its own can tell which events it already contains). `job_runs.correlation` links an attempt to
// its order. The one trigger that reads another table (`shipments`) keeps the migration's search
// path, so a session with another search path can still write these tables.

extension Migration {
    /// Dashboard NOTIFY triggers and `job_runs.correlation`.
    public static let dashboardEvents = Migration(
        version: 13, name: "dashboard_events",
        sql: """
            ALTER TABLE job_runs ADD COLUMN correlation text;
            CREATE INDEX job_runs_correlation_idx ON job_runs (correlation) WHERE correlation IS NOT NULL;

            CREATE FUNCTION dashboard_order_event() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
            DECLARE
                shipment record;
            BEGIN
                IF NEW.internal_state IN ('labelled', 'shipped', 'delivered') THEN
                    SELECT carrier, tracking_number INTO shipment FROM shipments
                    WHERE order_id = NEW.id AND status = 'purchased' ORDER BY id DESC LIMIT 1;
                ELSE
                    SELECT NULL::text AS carrier, NULL::text AS tracking_number INTO shipment;
                END IF;
                PERFORM pg_notify(TG_TABLE_SCHEMA || ':dashboard', json_build_object(
                    'type', CASE TG_OP WHEN 'INSERT' THEN 'order.created' ELSE 'order.updated' END,
                    'shop', NEW.shop_id, 'at', (extract(epoch FROM clock_timestamp()) * 1000)::bigint, 'txid', txid_current(),
                    'order', json_build_object(
                        'id', NEW.id, 'tiktok_order_id', NEW.tiktok_order_id, 'state', NEW.internal_state,
                        'previous_state', CASE TG_OP WHEN 'UPDATE' THEN OLD.internal_state END,
                        'previous_priority', CASE TG_OP WHEN 'UPDATE' THEN OLD.priority END,
                        'priority', NEW.priority, 'score', NEW.priority_score, 'version', NEW.version,
                        'carrier', shipment.carrier, 'tracking_number', shipment.tracking_number,
                        'created_at', NEW.created_at, 'updated_at', NEW.updated_at))::text);
                RETURN NULL;
            END $$;
            CREATE TRIGGER orders_dashboard_insert AFTER INSERT ON orders
                FOR EACH ROW EXECUTE FUNCTION dashboard_order_event();
            CREATE TRIGGER orders_dashboard_update AFTER UPDATE ON orders
                FOR EACH ROW WHEN (OLD.internal_state IS DISTINCT FROM NEW.internal_state
                    OR OLD.priority_score IS DISTINCT FROM NEW.priority_score)
                EXECUTE FUNCTION dashboard_order_event();

            CREATE FUNCTION dashboard_alert_event() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify(TG_TABLE_SCHEMA || ':dashboard', json_build_object(
                    'type', CASE
                        WHEN NEW.state = 'open' AND NEW.key LIKE 'stock.critical:%' THEN 'inventory.critical'
                        WHEN NEW.state = 'open' THEN 'alert.raised'
                        ELSE 'alert.resolved' END,
                    'subject', NULLIF(split_part(NEW.key, ':', 2), ''), 'at', (extract(epoch FROM clock_timestamp()) * 1000)::bigint, 'txid', txid_current(),
                    'alert', json_build_object(
                        'id', NEW.id, 'key', NEW.key, 'severity', NEW.severity, 'state', NEW.state,
                        'message', left(NEW.message, 1000), 'opened_at', NEW.opened_at,
                        'resolved_at', NEW.resolved_at))::text);
                RETURN NULL;
            END $$;
            CREATE TRIGGER alerts_dashboard AFTER INSERT OR UPDATE OF state, severity, message ON alerts
                FOR EACH ROW EXECUTE FUNCTION dashboard_alert_event();

            CREATE FUNCTION dashboard_stock_event() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify(TG_TABLE_SCHEMA || ':dashboard', json_build_object(
                    'type', 'inventory.updated', 'subject', NEW.sku_id, 'at', (extract(epoch FROM clock_timestamp()) * 1000)::bigint, 'txid', txid_current(),
                    'stock', json_build_object(
                        'sku', NEW.sku_id, 'on_hand', NEW.on_hand, 'reserved', NEW.reserved,
                        'available', NEW.on_hand - NEW.reserved))::text);
                RETURN NULL;
            END $$;
            CREATE TRIGGER inventory_dashboard_insert AFTER INSERT ON inventory
                FOR EACH ROW EXECUTE FUNCTION dashboard_stock_event();
            CREATE TRIGGER inventory_dashboard_update AFTER UPDATE OF on_hand, reserved ON inventory
                FOR EACH ROW WHEN (OLD.on_hand IS DISTINCT FROM NEW.on_hand OR OLD.reserved IS DISTINCT FROM NEW.reserved)
                EXECUTE FUNCTION dashboard_stock_event();

            CREATE FUNCTION dashboard_purchase_event() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify(TG_TABLE_SCHEMA || ':dashboard', json_build_object(
                    'type', 'purchase.updated', 'subject', NEW.sku_id, 'at', (extract(epoch FROM clock_timestamp()) * 1000)::bigint, 'txid', txid_current(),
                    'purchase', json_build_object(
                        'id', NEW.id, 'sku', NEW.sku_id, 'quantity', NEW.quantity, 'status', NEW.status,
                        'expected_at', NEW.expected_at))::text);
                RETURN NULL;
            END $$;
            CREATE TRIGGER purchase_orders_dashboard AFTER INSERT OR UPDATE OF status ON purchase_orders
                FOR EACH ROW EXECUTE FUNCTION dashboard_purchase_event();

            CREATE FUNCTION dashboard_health_event() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify(TG_TABLE_SCHEMA || ':dashboard', json_build_object(
                    'type', 'health.update', 'at', (extract(epoch FROM clock_timestamp()) * 1000)::bigint, 'txid', txid_current(),
                    'checks', (SELECT json_agg(json_build_object(
                        'subsystem', subsystem, 'status', status, 'score', score, 'checked_at', checked_at)
                        ORDER BY subsystem) FROM inserted))::text);
                RETURN NULL;
            END $$;
            CREATE TRIGGER health_checks_dashboard AFTER INSERT ON health_checks
                REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION dashboard_health_event();
            """)
}
