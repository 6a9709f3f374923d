// One carrier service quote from rate shopping (an EasyPost `Rate`, prices already in minor units).

/// A quoted carrier service.
public struct Rate: Sendable, Equatable, Hashable, Codable {
    /// Carrier name as quoted (`USPS`, `UPS`, `FedEx`).
    public var carrier: String
    /// Service level (`GroundAdvantage`, `NextDayAir`).
    public var service: String
    /// Price in minor units of `currency`.
    public var priceMinor: Int
    /// ISO 4217 code.
    public var currency: String
    /// Business days in transit; nil when the carrier did not say.
    public var deliveryDays: Int?
    /// The aggregator's rate id (`rate_…`), needed to buy the label.
    public var id: String?

    public init(
        carrier: String, service: String, priceMinor: Int, currency: String, deliveryDays: Int?, id: String? = nil
    ) {
        self.carrier = carrier
        self.service = service
        self.priceMinor = priceMinor
        self.currency = currency
        self.deliveryDays = deliveryDays
        self.id = id
    }

    public var price: Money { Money(minorUnits: priceMinor, currency: currency) }
}
