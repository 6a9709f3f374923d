// Migration 14: the dashboard's events go to a table instead of NOTIFY. A transaction that sends
// a NOTIFY takes one database-wide lock at commit and holds it through its WAL flush, so every
// order change of the fleet committed one at a time (a quarter of the pipeline's throughput, and
// most of its lock waits, in the benchmark). The triggers of migration 13 now append each event to
// `dashboard_events` in the writing transaction (no lock beyond the row's own), and every web
// process reads the table after the id it last saw (`DashboardEventLog`): an event is still only
// seen once its transaction has committed, and a web process that loses its session reads on
// from where it was. Retention prunes the rows after a day. Every trigger function keeps the
// migration's search path, so a session with another one still finds `dashboard_events`.

extension Migration {
    /// `dashboard_events` and the triggers writing to it.
    public static let dashboardEventLog = Migration(
        version: 14, name: "dashboard_event_log",
        sql: """
            CREATE TABLE dashboard_events (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at timestamptz NOT NULL DEFAULT now(),
                payload text NOT NULL
            );
            CREATE INDEX dashboard_events_at_idx ON dashboard_events (at);

            CREATE FUNCTION dashboard_emit(payload text) RETURNS void LANGUAGE sql AS $$
                INSERT INTO dashboard_events (payload) VALUES ($1)
            $$;

            CREATE OR REPLACE FUNCTION dashboard_order_event() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
            DECLARE
                shipment record;
            BEGIN
                IF NEW.internal_state IN ('labelled', 'shipped', 'delivered') THEN
                    SELECT carrier, tracking_number INTO shipment FROM shipments
                    WHERE order_id = NEW.id AND status = 'purchased' ORDER BY id DESC LIMIT 1;
                ELSE
                    SELECT NULL::text AS carrier, NULL::text AS tracking_number INTO shipment;
                END IF;
                PERFORM dashboard_emit(json_build_object(
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

            CREATE OR REPLACE FUNCTION dashboard_alert_event() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
            BEGIN
                PERFORM dashboard_emit(json_build_object(
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

            CREATE OR REPLACE FUNCTION dashboard_stock_event() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
            BEGIN
                PERFORM dashboard_emit(json_build_object(
                    'type', 'inventory.updated', 'subject', NEW.sku_id, 'at', (extract(epoch FROM clock_timestamp()) * 1000)::bigint, 'txid', txid_current(),
                    'stock', json_build_object(
                        'sku', NEW.sku_id, 'on_hand', NEW.on_hand, 'reserved', NEW.reserved,
                        'available', NEW.on_hand - NEW.reserved))::text);
                RETURN NULL;
            END $$;

            CREATE OR REPLACE FUNCTION dashboard_purchase_event() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
            BEGIN
                PERFORM dashboard_emit(json_build_object(
                    'type', 'purchase.updated', 'subject', NEW.sku_id, 'at', (extract(epoch FROM clock_timestamp()) * 1000)::bigint, 'txid', txid_current(),
                    'purchase', json_build_object(
                        'id', NEW.id, 'sku', NEW.sku_id, 'quantity', NEW.quantity, 'status', NEW.status,
                        'expected_at', NEW.expected_at))::text);
                RETURN NULL;
            END $$;

            CREATE OR REPLACE FUNCTION dashboard_health_event() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
            BEGIN
                PERFORM dashboard_emit(json_build_object(
                    'type', 'health.update', 'at', (extract(epoch FROM clock_timestamp()) * 1000)::bigint, 'txid', txid_current(),
                    'checks', (SELECT json_agg(json_build_object(
                        'subsystem', subsystem, 'status', status, 'score', score, 'checked_at', checked_at)
                        ORDER BY subsystem) FROM inserted))::text);
                RETURN NULL;
            END $$;
            """)
}
