// What buying a label produced: carrier, service, exact price, tracking number and label.

import Domain
import Foundation

/// A bought label, as stored on its shipment row.
public struct BoughtLabel: Sendable, Equatable {
    public var carrier: String
    public var service: String
    public var price: Money
    public var trackingNumber: String
    public var labelURL: String?
    /// EasyPost's postage label id (`pl_…`).
    public var labelId: String?
    public var boughtAt: Date

    public init(
        carrier: String, service: String, price: Money, trackingNumber: String, labelURL: String?, labelId: String?,
        boughtAt: Date
    ) {
        self.carrier = carrier
        self.service = service
        self.price = price
        self.trackingNumber = trackingNumber
        self.labelURL = labelURL
        self.labelId = labelId
        self.boughtAt = boughtAt
    }
}
