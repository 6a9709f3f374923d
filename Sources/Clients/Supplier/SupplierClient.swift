// The synchronous supplier client. Every purchase order carries an idempotency key, so retrying
// after a lost answer returns the order already placed instead of placing a second one.

import Foundation

/// Base URL and key of the supplier API.
public struct SupplierConfiguration: Sendable, CustomStringConvertible {
    public var apiKey: String
    /// e.g. `https://supplier.example.com/supplier/v1` (no trailing slash).
    public var baseURL: String
    public var http: HTTPClientConfiguration

    public init(apiKey: String, baseURL: String, http: HTTPClientConfiguration = HTTPClientConfiguration()) {
        self.apiKey = apiKey
        self.baseURL = baseURL
        self.http = http
    }

    public var description: String { "SupplierConfiguration(\(baseURL), key redacted)" }
}

/// Places and reads purchase orders.
public final class SupplierClient {
    public let configuration: SupplierConfiguration
    private let executor: RetryingExecutor
    private let api = JSONAPI(upstream: "supplier")

    public init(
        configuration: SupplierConfiguration, gate: (any UpstreamGate)? = nil, retry: CallRetryPolicy = .exponentialJitter(),
        sleep: (@Sendable (Duration) -> Void)? = nil
    ) throws {
        self.configuration = configuration
        self.executor = RetryingExecutor(
            http: try HTTPClient(configuration: configuration.http), gate: gate, policy: retry,
            sleep: sleep ?? RetryingExecutor.threadSleep)
    }

    /// Places `order` once per `idempotencyKey` (retries with the same key return the same order).
    public func createPurchaseOrder(_ order: PurchaseOrderRequest, idempotencyKey: String) throws -> PurchaseOrder {
        let body = try api.encoder.encode(order)
        return try executor.run(UpstreamCall(upstream: "supplier", buckets: ["supplier"])) {
            HTTPRequest(
                method: .post, url: configuration.baseURL + "/purchase_orders",
                headers: headers + [(name: "Idempotency-Key", value: idempotencyKey)], body: body)
        } interpret: { response in
            try api.decode(response, as: PurchaseOrder.self)
        }
    }

    /// Reads a purchase order.
    public func purchaseOrder(id: String) throws -> PurchaseOrder {
        try executor.run(UpstreamCall(upstream: "supplier", buckets: ["supplier"])) {
            HTTPRequest(method: .get, url: configuration.baseURL + "/purchase_orders/\(QueryString.escape(id))", headers: headers)
        } interpret: { response in
            try api.decode(response, as: PurchaseOrder.self)
        }
    }

    private var headers: [(name: String, value: String)] {
        [(name: "Authorization", value: "Bearer \(configuration.apiKey)"), (name: "Content-Type", value: "application/json")]
    }
}
