// Shipments in PostgreSQL for buying labels exactly once: at most one live (`rated` or
// `purchased`) shipment per order (a unique partial index), recorded as `rated` with its EasyPost
// shipment before anything is bought, and marked `purchased` only while still `rated`.

import Domain
import Foundation

/// Reads and writes `shipments` on one connection.
public struct ShipmentStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Order `orderId`'s live shipment (`rated` or `purchased`), if it has one.
    public func live(orderId: Int64) throws -> ShipmentRecord? {
        try connection.query(
            "SELECT \(ShipmentRecord.columns) FROM shipments WHERE order_id = $1 AND status IN ('rated', 'purchased')",
            [.int64(orderId)]
        ).first.map(ShipmentRecord.init(row:))
    }

    /// Every shipment the order with TikTok id `tiktokOrderId` has had, oldest first (its live one
    /// among them, if any), as a query to send with others.
    public static func shipmentsQuery(tiktokOrderId: String) -> PostgresQuery<OrderShipments> {
        PostgresQuery(shipmentsOfOrderSQL, [.string(tiktokOrderId)]) {
            OrderShipments(all: try $0.map(ShipmentRecord.init(row:)))
        }
    }

    private static let shipmentsOfOrderSQL = """
        SELECT \(ShipmentRecord.columnsOfH) FROM shipments h JOIN orders o ON o.id = h.order_id
        WHERE o.tiktok_order_id = $1 ORDER BY h.id
        """

    /// The shipment with row id `id`.
    public func shipment(id: Int64) throws -> ShipmentRecord? {
        try connection.fetch(Self.shipmentQuery(id: id))
    }

    /// ``shipment(id:)`` as a query to send with others.
    public static func shipmentQuery(id: Int64) -> PostgresQuery<ShipmentRecord?> {
        PostgresQuery("SELECT \(ShipmentRecord.columns) FROM shipments WHERE id = $1", [.int64(id)]) {
            try $0.first.map(ShipmentRecord.init(row:))
        }
    }

    /// How many shipments order `orderId` has had, whatever their status (numbers the next one).
    public func count(orderId: Int64) throws -> Int {
        try connection.query("SELECT count(*) FROM shipments WHERE order_id = $1", [.int64(orderId)])[0].decode(Int.self, at: 0)
    }

    /// Records EasyPost shipment `providerShipmentId` as order `orderId`'s `rated` shipment, about
    /// to buy `service` of `carrier` for `price`, in one statement that locks the order row and
    /// inserts only while the order is `reserved` at `addressJSON` (its address as the shipment
    /// was created for) and has no live shipment. Nil when nothing was inserted.
    public func insertRated(
        orderId: Int64, whileReservedAt addressJSON: String?, providerShipmentId: String, carrier: String, service: String,
        price: Money
    ) throws -> ShipmentRecord? {
        try connection.query(
            """
            INSERT INTO shipments (order_id, carrier, service, rate_minor, currency, provider_shipment_id, status)
            SELECT o.id, $2, $3, $4, $5, $6, 'rated' FROM orders o
            WHERE o.id = $1 AND o.internal_state = 'reserved' AND o.shipping_address IS NOT DISTINCT FROM $7::jsonb
            FOR UPDATE OF o
            ON CONFLICT (order_id) WHERE status IN ('rated', 'purchased') DO NOTHING
            RETURNING \(ShipmentRecord.columns)
            """,
            [
                .int64(orderId), .string(carrier), .string(service), .int(price.minorUnits), .string(price.currency),
                .string(providerShipmentId), addressJSON.map { .string($0) },
            ]
        ).first.map(ShipmentRecord.init(row:))
    }

    /// Stores `label` on shipment `id` and marks it `purchased`, only if it is still `rated`, and in
    /// the same statement moves `order` (the shipment's order, locked by the caller) to `labelled`;
    /// the statement goes out with the caller's COMMIT (see `PostgresConnection.queryAndCommit`), so
    /// this must end its `withTransaction`. Returns whether the shipment was still `rated`: when it
    /// was not, neither row changed.
    public func purchaseAndCommit(id: Int64, label: BoughtLabel, labelling order: OrderRecord) throws -> Bool {
        let labelled = try OrderStateMachine.transition(from: order.state, to: .labelled)
        return try connection.queryAndCommit(
            """
            WITH purchased AS (
                UPDATE shipments SET \(Self.labelAssignments), status = 'purchased' WHERE id = $1 AND status = 'rated'
                RETURNING order_id
            ), labelled AS (
                UPDATE orders SET \(OrderStore.stateAssignments(stateParameter: 10))
                WHERE id = $11 AND id IN (SELECT order_id FROM purchased)
            )
            SELECT count(*) AS purchased FROM purchased
            """, [.int64(id)] + Self.labelParameters(label) + [.string(labelled.rawValue), .int64(order.id)]
        )[0]["purchased", as: Int.self] > 0
    }

    /// Stores `label` on shipment `id` that is no longer wanted (its order was cancelled or its
    /// address changed while buying) and marks it `void_requested`, so the refund follow-up refunds
    /// it. A row already holding a label is left alone. The write goes out with the transaction's
    /// next statement or its COMMIT (see `PostgresConnection.executeLater`).
    public func recordUnwanted(id: Int64, label: BoughtLabel) throws {
        try connection.executeLater(
            """
            UPDATE shipments SET \(Self.labelAssignments), status = 'void_requested', refunded_at = NULL
            WHERE id = $1 AND tracking_number IS NULL
            """, [.int64(id)] + Self.labelParameters(label))
    }

    /// Marks a shipment nothing was bought for as no longer wanted (refunded without a call), with
    /// the transaction's next statement or its COMMIT.
    public func discard(id: Int64) throws {
        try connection.executeLater(
            "UPDATE shipments SET status = 'void_requested', updated_at = now() WHERE id = $1 AND status = 'rated'",
            [.int64(id)])
    }

    private static let labelAssignments = """
        carrier = $2, service = $3, rate_minor = $4, currency = $5, tracking_number = $6, label_url = $7,
        label_id = $8, bought_at = $9, updated_at = now()
        """

    private static func labelParameters(_ label: BoughtLabel) -> [PostgresValue?] {
        [
            .string(label.carrier), .string(label.service), .int(label.price.minorUnits), .string(label.price.currency),
            .string(label.trackingNumber), label.labelURL.map { .string($0) }, label.labelId.map { .string($0) },
            .date(label.boughtAt),
        ]
    }
}
