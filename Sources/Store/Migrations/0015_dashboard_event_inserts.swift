// Migration 15: the dashboard's triggers insert their event themselves. Through `dashboard_emit`
// (a SQL-language function called from PL/pgSQL) every call parsed and planned the function's
// INSERT anew, since the calling expression's state lasts one transaction and the pipeline's
// transactions change an order once or twice: in `ops/bench pipeline` that was two fifths of the
// triggers' PostgreSQL time. A PL/pgSQL INSERT keeps its plan for the session. The events and the
// payloads are the same as migration 14's.

extension Migration {
    /// The dashboard's trigger functions, inserting into `dashboard_events` directly.
    public static let dashboardEventInserts = Migration(
        version: 15, name: "dashboard_event_inserts",
        sql: """
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
                INSERT INTO dashboard_events (payload) VALUES (json_build_object(
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
                INSERT INTO dashboard_events (payload) VALUES (json_build_object(
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
                INSERT INTO dashboard_events (payload) VALUES (json_build_object(
                    'type', 'inventory.updated', 'subject', NEW.sku_id, 'at', (extract(epoch FROM clock_timestamp()) * 1000)::bigint, 'txid', txid_current(),
                    'stock', json_build_object(
                        'sku', NEW.sku_id, 'on_hand', NEW.on_hand, 'reserved', NEW.reserved,
                        'available', NEW.on_hand - NEW.reserved))::text);
                RETURN NULL;
            END $$;

            CREATE OR REPLACE FUNCTION dashboard_purchase_event() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
            BEGIN
                INSERT INTO dashboard_events (payload) VALUES (json_build_object(
                    'type', 'purchase.updated', 'subject', NEW.sku_id, 'at', (extract(epoch FROM clock_timestamp()) * 1000)::bigint, 'txid', txid_current(),
                    'purchase', json_build_object(
                        'id', NEW.id, 'sku', NEW.sku_id, 'quantity', NEW.quantity, 'status', NEW.status,
                        'expected_at', NEW.expected_at))::text);
                RETURN NULL;
            END $$;

            CREATE OR REPLACE FUNCTION dashboard_health_event() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
            BEGIN
                INSERT INTO dashboard_events (payload) VALUES (json_build_object(
                    'type', 'health.update', 'at', (extract(epoch FROM clock_timestamp()) * 1000)::bigint, 'txid', txid_current(),
                    'checks', (SELECT json_agg(json_build_object(
                        'subsystem', subsystem, 'status', status, 'score', score, 'checked_at', checked_at)
                        ORDER BY subsystem) FROM inserted))::text);
                RETURN NULL;
            END $$;

            DROP FUNCTION dashboard_emit(text);
            """)
}
