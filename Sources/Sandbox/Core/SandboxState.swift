// Everything the sandbox remembers, in memory, behind one actor: tokens, shops, orders and
// inventory (TikTok), shipments and trackers (EasyPost), purchase orders (supplier), fault rules,
// the request log and webhook deliveries. Per-domain behaviour lives in extensions.

import Foundation

/// The sandbox's in-memory world.
public actor SandboxState {
    public let configuration: SandboxConfiguration
    let now: @Sendable () -> Date

    /// The one shop every authorisation grants.
    let shop = SimShop(
        id: "7494726673780148744", name: "CreatorFlow Sandbox Shop", region: "US", sellerType: "LOCAL",
        cipher: "ROW_sandbox_cipher_1", code: "USLCSANDBOX")
    let warehouseId = "7068517275539719942"
    let deliveryOptionId = "7129736155617986306"
    /// TikTok's ids for the carriers (made up, stable).
    let shippingProviders: [(id: String, name: String)] = [
        ("7117858858072016686", "USPS"), ("7117859084333745966", "UPS"), ("7212608507307099950", "FedEx"),
    ]

    var authCodes: [String: Duration] = [:]
    var accessTokens: [String: SimToken] = [:]
    var refreshTokens: [String: SimToken] = [:]
    var orders: [String: SimOrder] = [:]
    var orderSequence: [String] = []
    /// Stock per SKU per warehouse.
    var inventory: [String: [String: Int]] = [:]
    var shipments: [String: SimShipment] = [:]
    var shipmentsByReference: [String: String] = [:]
    /// Each rate's carrier, for fault rules matched by carrier.
    var rateCarriers: [String: String] = [:]
    var trackers: [String: SimTracker] = [:]
    var purchaseOrders: [String: SimJSON] = [:]
    var idempotencyKeys: [String: (fingerprint: Data, orderId: String)] = [:]
    var faults: [FaultRule] = []
    var deliveries: [SimJSON] = []
    /// Webhooks an out-of-order fault holds back until the next one is sent.
    var heldWebhooks: [OutboundWebhook] = []
    /// The most recent API requests (at most ``logCapacity``), oldest first.
    var requestLog: [(method: String, path: String, at: Date)] = []
    /// API requests per `METHOD path` since the start, however long the log.
    var requestCounts: [String: Int64] = [:]
    var counter = 0
    /// The shop simulator's current or last run, and the task driving it.
    var simulation: SimulationRun?
    var simulationTask: Task<Void, Never>?
    var simulationCounter = 0
    /// Shop videos for the analytics API, by id, and their ids in creation order.
    var videos: [String: SimVideo] = [:]
    var videoSequence: [String] = []
    /// The simulator's videos per SKU.
    var simulatedVideos: [String: [String]] = [:]
    /// Whether the shop granted `data.shop_analytics.public.read` (else analytics calls get 105005).
    var analyticsScopeGranted = true
    /// The port actually bound (differs from the configuration's when that is 0).
    var boundPort: Int?

    /// Records the bound port (label URLs point at it).
    func setPort(_ port: Int) { boundPort = port }

    public init(configuration: SandboxConfiguration, now: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.now = now
    }

    /// A new id with `prefix`, unique in this sandbox.
    func nextId(_ prefix: String = "") -> String {
        counter += 1
        return prefix + String(format: "%06d", counter) + String(UInt32.random(in: 0..<0xFFFF), radix: 16)
    }

    /// A numeric id shaped like TikTok's (18 digits).
    func nextNumericId() -> String {
        counter += 1
        return "57" + String(format: "%010d", Int(now().timeIntervalSince1970)) + String(format: "%06d", counter)
    }

    var unixNow: Int64 { Int64(now().timeIntervalSince1970) }

    /// How many requests and webhook deliveries the sandbox keeps for inspection: a long-running
    /// sandbox (`ops/up`, the shop simulator) forgets the oldest instead of growing without bound.
    public static let logCapacity = 100_000

    /// Records a request for `GET /_sim/requests`.
    func log(method: String, path: String) {
        requestCounts[method + " " + path, default: 0] += 1
        Self.append((method, path, now()), to: &requestLog)
    }

    /// Appends `entry`, dropping the oldest tenth once the log is over capacity.
    static func append<Entry>(_ entry: Entry, to log: inout [Entry]) {
        log.append(entry)
        if log.count > logCapacity + logCapacity / 10 { log.removeFirst(log.count - logCapacity) }
    }

    /// The most recent requests, oldest first, with per-route counts since the start.
    public func requestSummary() -> SimJSON {
        let counts = requestCounts.mapValues { SimJSON.int($0) }
        let log = requestLog.map {
            SimJSON.object([
                "method": .string($0.method), "path": .string($0.path),
                "at_ms": .int(Int64($0.at.timeIntervalSince1970 * 1000)),
            ])
        }
        return ["counts": .object(counts), "requests": .array(log)]
    }
}
