// A `shipments` row as the label and tracking-sync handlers read it.

/// One shipment of an order: the EasyPost shipment behind it and, once bought, its label.
public struct ShipmentRecord: Sendable, Equatable {
    public var id: Int64
    public var orderId: Int64
    public var status: ShipmentStatus
    /// The carrier and service chosen (for a `rated` row: the one about to be bought).
    public var carrier: String
    public var service: String
    /// EasyPost's shipment id (`shp_…`).
    public var providerShipmentId: String?
    /// Set once a label is bought.
    public var trackingNumber: String?

    static let columns = "id, order_id, status, carrier, service, provider_shipment_id, tracking_number"

    /// ``columns`` of the table aliased `h`, written once rather than per query.
    static let columnsOfH = columns.split(separator: ", ").map { "h.\($0)" }.joined(separator: ", ")

    init(row: PostgresRow) throws {
        id = try row["id", as: Int64.self]
        orderId = try row["order_id", as: Int64.self]
        let statusText = try row["status", as: String.self]
        guard let status = ShipmentStatus(rawValue: statusText) else {
            throw PipelineError.corrupt("shipment \(id) has unknown status '\(statusText)'")
        }
        self.status = status
        carrier = try row["carrier", as: String.self]
        service = try row["service", as: String.self]
        providerShipmentId = try row["provider_shipment_id", as: String?.self]
        trackingNumber = try row["tracking_number", as: String?.self]
    }
}
