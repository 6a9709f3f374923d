// Labels that must not be used: the order was cancelled or its address changed before shipping.
// Marking happens in the order's transaction; the refund call happens after commit, and a
// failed refund leaves the row marked, so a retry (or the sweeper) refunds it later.

import Foundation

/// Marks and lists shipments whose label must be refunded.
public struct ShipmentVoids {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Marks order `orderId`'s current shipment for refund when it has a label or is being bought,
    /// freeing the order's one-shipment slot so a new label can follow. The write goes out with the
    /// transaction's next statement or its COMMIT (see `PostgresConnection.executeLater`).
    public func requestVoid(orderId: Int64) throws {
        try connection.executeLater(
            """
            UPDATE shipments SET status = 'void_requested', updated_at = now()
            WHERE order_id = $1 AND status IN ('rated', 'purchased')
            """, [.int64(orderId)])
    }

    /// Shipments of `orderId` waiting for their refund: row id, EasyPost shipment id, and whether
    /// a label was bought (only a bought label has anything to refund).
    public func pending(orderId: Int64) throws -> [(id: Int64, providerShipmentId: String?, bought: Bool)] {
        try connection.query(
            """
            SELECT id, provider_shipment_id, tracking_number IS NOT NULL AS bought
            FROM shipments WHERE order_id = $1 AND status = 'void_requested'
            """, [.int64(orderId)]
        ).map { (try $0["id", as: Int64.self], try $0["provider_shipment_id", as: String?.self], try $0["bought", as: Bool.self]) }
    }

    /// Records that shipment `id`'s refund was accepted (or that it had nothing to refund).
    public func markRefunded(id: Int64) throws {
        try connection.execute(
            "UPDATE shipments SET status = 'refunded', refunded_at = now(), updated_at = now() WHERE id = $1 AND status = 'void_requested'",
            [.int64(id)])
    }
}
