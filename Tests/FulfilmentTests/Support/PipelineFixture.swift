// One isolated pipeline for a test: a migrated PostgreSQL schema, a Redis key prefix, the sandbox
// in-process on a free port with its shop onboarded, and fulfilment services wired to all three.
// Workers run in-process (`runWorkers`) against the real Redis.

import Clients
import Domain
import Foundation
import Fulfilment
import Jobs
import Logging
import Queue
import Redis
import Sandbox
import Store
import TestSupport
import Worker

/// A pipeline under test.
final class PipelineFixture: @unchecked Sendable {
    static let appKey = "pipeline-app-key"
    static let appSecret = "pipeline-app-secret"

    let sandbox: SandboxServer
    let database: TestDatabase
    let redis: TestRedis
    let services: FulfilmentServices
    let shopId: String
    let tokenKey: String
    let worker: WorkerConfig
    /// Where the sandbox sends webhooks (a `creatorflow web` the test starts), when it does.
    let webhookPort: Int?
    private let db: PostgresConnection
    private let children = ChildList()

    var baseURL: String { sandbox.baseURL }

    private init(
        sandbox: SandboxServer, database: TestDatabase, redis: TestRedis, settings: FulfilmentSettings,
        now: @escaping @Sendable () -> Date, webhookPort: Int?, worker: WorkerConfig
    ) throws {
        self.sandbox = sandbox
        self.webhookPort = webhookPort
        self.database = database
        self.redis = redis
        db = try database.migrated()
        tokenKey = TokenCipher.generateKey()
        self.worker = worker
        let integrations = IntegrationEnvironment([
            "CF_SANDBOX_URL": sandbox.baseURL, "TIKTOK_APP_KEY": Self.appKey, "TIKTOK_APP_SECRET": Self.appSecret,
        ])
        let url = redis.url
        let queueSettings = worker.queue
        var logger = Logger(label: "test.fulfilment")
        logger.logLevel = .error
        services = FulfilmentServices(
            settings: settings, worker: worker, integrations: integrations, tokenKey: tokenKey,
            callRetry: .exponentialJitter(maxAttempts: 3, baseDelay: .milliseconds(20), maxDelay: .milliseconds(200)),
            now: now, logger: logger,
            makePostgres: { try database.connect() },
            makeQueue: { RedisJobQueue(connection: try RedisConnection(url: url), settings: queueSettings, processId: "test") })
        shopId = try Self.onboard(baseURL: sandbox.baseURL, integrations: integrations, tokenKey: tokenKey, db: db)
    }

    /// Runs `body` with a fresh pipeline and tears everything down afterwards.
    static func with<T>(
        settings: FulfilmentSettings = FulfilmentSettings(carrierProviders: ["USPS": "7117858858072016686", "UPS": "7117859084333745966", "FedEx": "7212608507307099950"]),
        now: @escaping @Sendable () -> Date = { Date() }, worker adjustWorker: (inout WorkerConfig) -> Void = { _ in },
        webhooks: Bool = false, redisURL: RedisURL? = nil, function: String = #function,
        _ body: (PipelineFixture) throws -> T
    ) async throws -> T {
        let webhookPort = webhooks ? try freePort() : nil
        let sandbox = try await SandboxServer.start(
            SandboxConfiguration(
                port: 0, appKey: appKey, appSecret: appSecret,
                webhookURL: webhookPort.map { "http://127.0.0.1:\($0)/webhooks/tiktok" }))
        let redis = try redisURL.map { TestRedis(url: $0, function: function) } ?? TestRedis(function: function)
        let url = try TestDatabase.databaseURL()
        let database = TestDatabase(url: url, schema: "t_" + UUID().uuidString.prefix(12).lowercased())
        let bootstrap = try PostgresConnection(url: url)
        try bootstrap.execute("CREATE SCHEMA \(PostgresIdentifier.quoted(database.schema))")
        var worker = WorkerConfig(
            queue: QueueSettings(keys: redis.keys), order: .strict(["critical", "default", "low"]), concurrency: 4)
        worker.promoteIntervalSeconds = 0.05
        worker.idleWaitSeconds = 0.2
        worker.defaultPolicy = KindPolicy(retry: RetryPolicy(maxAttempts: 8, exponent: 1, baseSeconds: 0.05, jitter: 0), timeoutSeconds: 30)
        adjustWorker(&worker)
        let workerConfig = worker
        // The body blocks (workers, polling, libpq); it runs on its own thread so the sandbox's
        // actor keeps the cooperative pool to itself even when several tests run at once.
        let outcome: Result<T, any Error> = await withoutActuallyEscaping(body) { body in
            let work = UncheckedBox {
                Result {
                    let fixture = try PipelineFixture(
                        sandbox: sandbox, database: database, redis: redis, settings: settings, now: now,
                        webhookPort: webhookPort, worker: workerConfig)
                    defer { fixture.stopChildren() }
                    return try body(fixture)
                }
            }
            return await withCheckedContinuation { continuation in
                let thread = Thread {
                    let result = work.run()
                    continuation.resume(returning: result)
                }
                thread.stackSize = 4 << 20
                thread.start()
            }
        }
        await sandbox.stop()
        try bootstrap.execute("DROP SCHEMA \(PostgresIdentifier.quoted(database.schema)) CASCADE")
        return try outcome.get()
    }

    static func onboard(baseURL: String, integrations: IntegrationEnvironment, tokenKey: String, db: PostgresConnection) throws -> String {
        let code = try SimHTTP.call("POST", baseURL + "/_sim/auth/codes")["auth_code"]?.string ?? ""
        let client = try TikTokShopClient(configuration: try integrations.requireTikTok(), retry: .never)
        let store = PostgresShopTokenStore(connection: db, cipher: try TokenCipher(base64Key: tokenKey))
        let shops = try ShopOnboarding(client: client, store: store).connect(authCode: code)
        guard let shop = shops.first else { throw TestEnvironmentError("the sandbox authorised no shop") }
        return shop.id
    }

    // MARK: sandbox

    /// A control-route call on the sandbox.
    @discardableResult
    func control(_ method: String, _ path: String, _ body: String? = nil) throws -> SimJSON {
        try SimHTTP.call(method, baseURL + path, body: body)
    }

    /// Creates `count` orders in the sandbox (`quantity` units of `sku` each) and returns their ids.
    func createOrders(_ count: Int, sku: String = "sku-1", quantity: Int = 1, status: String? = nil) throws -> [String] {
        var body = #"{"count":\#(count),"sku_id":"\#(sku)","quantity":\#(quantity)"#
        if let status { body += #","status":"\#(status)""# }
        body += "}"
        return try control("POST", "/_sim/orders", body)["ids"]?.array?.compactMap(\.string) ?? []
    }

    /// The sandbox's view of order `id`.
    func sandboxOrder(_ id: String) throws -> SimJSON { try control("GET", "/_sim/orders/\(id)") }

    // MARK: queue and workers

    /// Enqueues a classify job for each order, as the receiver does for a webhook.
    func classify(_ orderIds: [String], queue: String = "default") throws {
        let session = try redis.session(pid: "client")
        let now = Date().timeIntervalSince1970
        let jobs = try orderIds.map {
            try ClassifyJob(shopId: shopId, orderId: $0, eventId: 0).newJob(queue: queue, maxAttempts: 8, now: now)
                .encoded()
        }
        try session.enqueue(jobs)
    }

    /// Enqueues `payload` on its default queue.
    func enqueue<P: JobPayload>(_ payload: P, queue: String? = nil) throws {
        let job = try payload.newJob(queue: queue, maxAttempts: 8, now: Date().timeIntervalSince1970).encoded()
        try redis.session(pid: "client").enqueue([job])
    }

    /// Runs `processes` in-process workers until `condition` holds (checked every 50 ms) or
    /// `timeout` seconds pass; returns whether it held.
    @discardableResult
    func runWorkers(processes: Int = 1, timeout: Double = 60, until condition: () throws -> Bool) throws -> Bool {
        var logger = Logger(label: "test.worker")
        logger.logLevel = .critical
        let registry = JobRegistry.fulfilment(services)
        let url = redis.url
        let settings = worker.queue
        let done = DispatchGroup()
        let workers = (0..<processes).map { index in
            WorkerProcess(config: worker, registry: registry, processId: "w\(index)", logger: logger) { pid in
                RedisJobQueue(connection: try RedisConnection(url: url), settings: settings, processId: pid)
            }
        }
        for process in workers {
            done.enter()
            Thread {
                try? process.runUntilDrained()
                done.leave()
            }.start()
        }
        let held = try eventually(timeout: timeout, interval: 0.05, condition)
        workers.forEach { $0.stop() }
        _ = done.wait(timeout: .now() + 30)
        return held
    }

    /// Jobs that reached the dead letters, across the pipeline's queues.
    func deadLetters() throws -> [DeadLetter] {
        let admin = try redis.admin()
        return try ["critical", "default", "low"].flatMap { try admin.deadLetters(queue: $0) }
    }

    // MARK: PostgreSQL

    /// Runs `sql` on the test's schema.
    func query(_ sql: String, _ parameters: [PostgresValue?] = []) throws -> PostgresRows {
        try db.query(sql, parameters)
    }

    /// Runs `body` on the test schema's connection (for the stores under test).
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) rethrows -> T {
        try body(db)
    }

    /// A single integer from `sql`.
    func count(_ sql: String, _ parameters: [PostgresValue?] = []) throws -> Int {
        try db.query(sql, parameters)[0].decode(Int.self, at: 0)
    }

    /// Sets `sku`'s stock on hand (creating the row).
    func stock(_ sku: String, onHand: Int, unitCostMinor: Int = 500) throws {
        try db.execute(
            """
            INSERT INTO inventory (sku_id, on_hand, unit_cost_minor, product_id, warehouse_id) VALUES ($1, $2, $3, $4, 'wh-1')
            ON CONFLICT (sku_id) DO UPDATE SET on_hand = excluded.on_hand, unit_cost_minor = excluded.unit_cost_minor
            """, [.string(sku), .int(onHand), .int(unitCostMinor), .string("product-\(sku)")])
    }

    /// The internal state of TikTok order `id`, or nil when it is not stored.
    func state(of id: String) throws -> OrderState? {
        try db.query("SELECT internal_state FROM orders WHERE tiktok_order_id = $1", [.string(id)]).first
            .map { OrderState(rawValue: try $0["internal_state", as: String.self]) } ?? nil
    }
}

/// Hands a non-escaping body to another thread whose lifetime the caller bounds (it awaits the
/// result). The body is released before the result is handed back, as `withoutActuallyEscaping`
/// requires.
private final class UncheckedBox<Value>: @unchecked Sendable {
    private var body: (() -> Value)?
    init(_ body: @escaping () -> Value) { self.body = body }

    func run() -> Value {
        let body = self.body!
        self.body = nil
        return body()
    }
}

/// The processes a fixture started, stopped at teardown whatever the test did.
final class ChildList: @unchecked Sendable {
    private let lock = NSLock()
    private var children: [Child] = []

    func add(_ child: Child) {
        lock.lock()
        children.append(child)
        lock.unlock()
    }

    /// SIGTERMs every child still running, then SIGKILLs any that did not exit within 40 s.
    func stopAll() {
        lock.lock()
        let running = children.filter(\.isRunning)
        children = []
        lock.unlock()
        running.forEach { $0.signal(SIGTERM) }
        for child in running where child.wait(timeout: 40) == nil { child.signal(SIGKILL) }
    }
}

extension PipelineFixture {
    /// Remembers `child` so teardown stops it.
    func track(_ child: Child) -> Child {
        children.add(child)
        return child
    }

    /// Stops every process this fixture started.
    func stopChildren() { children.stopAll() }
}
