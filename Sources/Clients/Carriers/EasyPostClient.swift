// The synchronous EasyPost client: shipments and rates, label purchase, refunds and trackers.
// Buying is idempotent for the caller: when a buy's answer is lost (timeout, reset, 5xx) or
// EasyPost says the shipment already has postage, the shipment is read back and its label
// returned, so a retry never buys a second label.

import Foundation

/// Calls EasyPost (or the sandbox's imitation) with HTTP Basic auth.
public final class EasyPostClient {
    public let configuration: EasyPostConfiguration
    private let executor: RetryingExecutor
    private let api = JSONAPI(upstream: "easypost")

    public init(
        configuration: EasyPostConfiguration, gate: (any UpstreamGate)? = nil, retry: CallRetryPolicy = .exponentialJitter(),
        sleep: (@Sendable (Duration) -> Void)? = nil
    ) throws {
        self.configuration = configuration
        self.executor = RetryingExecutor(
            http: try HTTPClient(configuration: configuration.http), gate: gate, policy: retry,
            sleep: sleep ?? RetryingExecutor.threadSleep)
    }

    /// The error code EasyPost gives when buying a shipment that already has a label.
    public static let postageExistsCode = "SHIPMENT.POSTAGE.EXISTS"

    /// Creates a shipment and returns it with every carrier's rates.
    public func createShipment(_ shipment: ShipmentRequest) throws -> Shipment {
        struct Body: Encodable { let shipment: ShipmentRequest }
        return try request(.post, "/shipments", body: Body(shipment: shipment), carrier: nil, as: Shipment.self)
    }

    /// Reads a shipment.
    public func shipment(id: String) throws -> Shipment {
        try request(.get, "/shipments/\(QueryString.escape(id))", body: nil as String?, carrier: nil, as: Shipment.self)
    }

    /// Buys `rate`'s label for its shipment, at most once however often it is called.
    public func buy(shipmentId: String, rate: Rate) throws -> Shipment {
        struct RateRef: Encodable { let id: String }
        struct Body: Encodable { let rate: RateRef }
        do {
            return try request(
                .post, "/shipments/\(QueryString.escape(shipmentId))/buy", body: Body(rate: RateRef(id: rate.id)),
                carrier: rate.carrier, as: Shipment.self)
        } catch let error as any ClassifiedError {
            let alreadyBought = (error as? EasyPostAPIError)?.code == Self.postageExistsCode
            guard alreadyBought || error.isRetryable else { throw error }
            let current = try shipment(id: shipmentId)
            if current.isPurchased { return current }
            throw error
        }
    }

    /// Asks for a refund of a bought label; the answer carries `refund_status`.
    public func refund(shipmentId: String) throws -> Shipment {
        try request(.post, "/shipments/\(QueryString.escape(shipmentId))/refund", body: nil as String?, carrier: nil, as: Shipment.self)
    }

    /// Starts tracking `trackingCode`.
    public func createTracker(trackingCode: String, carrier: String) throws -> Tracker {
        struct Inner: Encodable {
            let trackingCode: String
            let carrier: String

            enum CodingKeys: String, CodingKey {
                case trackingCode = "tracking_code", carrier
            }
        }
        struct Body: Encodable { let tracker: Inner }
        return try request(
            .post, "/trackers", body: Body(tracker: Inner(trackingCode: trackingCode, carrier: carrier)), carrier: carrier,
            as: Tracker.self)
    }

    /// Reads a tracker.
    public func tracker(id: String) throws -> Tracker {
        try request(.get, "/trackers/\(QueryString.escape(id))", body: nil as String?, carrier: nil, as: Tracker.self)
    }

    private func request<Body: Encodable, T: Decodable>(
        _ method: HTTPMethod, _ path: String, body: Body?, carrier: String?, as: T.Type
    ) throws -> T {
        let bytes = try body.map { try api.encoder.encode($0) }
        let authorization = "Basic " + Data((configuration.apiKey + ":").utf8).base64EncodedString()
        let call = UpstreamCall(upstream: carrier.map { "easypost:\($0)" } ?? "easypost", buckets: ["easypost"])
        return try executor.run(call) {
            HTTPRequest(
                method: method, url: configuration.baseURL + path,
                headers: [(name: "Authorization", value: authorization), (name: "Content-Type", value: "application/json")],
                body: method == .get ? nil : (bytes ?? Data("{}".utf8)))
        } interpret: { response in
            try api.decode(response, as: T.self)
        }
    }
}
