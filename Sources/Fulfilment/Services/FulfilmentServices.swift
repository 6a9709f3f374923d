// Everything the fulfilment handlers share across slot threads: settings, the clock, factories
// for connections and the gate, and the pool of per-slot resources built from them.

import Clients
import Foundation
import Logging
import Queue
import Store
import Worker

/// Shared by every fulfilment handler of one worker process.
public final class FulfilmentServices: Sendable {
    public let settings: FulfilmentSettings
    /// Retry policies and queues per kind (for enqueuing the next step).
    public let worker: WorkerConfig
    public let integrations: IntegrationEnvironment
    /// The clock every handler reads; tests inject one.
    public let now: @Sendable () -> Date
    public let logger: Logger
    let makePostgres: @Sendable () throws -> PostgresConnection
    let makeQueue: @Sendable () throws -> RedisJobQueue
    let makeGate: (@Sendable () throws -> (any UpstreamGate)?)?
    /// The cipher for `CF_TOKEN_KEY`, made once (every job that calls TikTok opens a token with it).
    private let cipher: Result<TokenCipher, any Error>
    let callRetry: CallRetryPolicy
    private let pool = Locked<ResourcePool<FulfilmentResources>?>(nil)

    /// `makeGate` builds one gate per slot (rate limiter and breakers shared through Redis);
    /// `tokenKey` is `CF_TOKEN_KEY`, the key tokens are encrypted with in PostgreSQL.
    public init(
        settings: FulfilmentSettings, worker: WorkerConfig, integrations: IntegrationEnvironment,
        tokenKey: String? = nil,
        callRetry: CallRetryPolicy = .exponentialJitter(), now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "creatorflow.fulfilment"),
        makePostgres: @escaping @Sendable () throws -> PostgresConnection,
        makeQueue: @escaping @Sendable () throws -> RedisJobQueue,
        makeGate: (@Sendable () throws -> (any UpstreamGate)?)? = nil
    ) {
        self.settings = settings
        self.worker = worker
        self.integrations = integrations
        cipher = Result {
            guard let tokenKey, !tokenKey.isEmpty else { throw MissingIntegration(variables: TokenCipher.environmentKey) }
            return try TokenCipher(base64Key: tokenKey)
        }
        self.callRetry = callRetry
        self.now = now
        self.logger = logger
        self.makePostgres = makePostgres
        self.makeQueue = makeQueue
        self.makeGate = makeGate
    }

    /// Runs `body` with a slot's resources, exclusively. Errors leave as they are: the worker's
    /// executor retries, snoozes or dead-letters each by its disposition. The job that finds a
    /// shop's refresh token rejected raises the shop's alert.
    public func with<T>(_ body: (FulfilmentResources) throws -> T) throws -> T {
        try resourcePool().with { resources in
            do {
                return try body(resources)
            } catch let error as ShopNeedsReauthorization where error.newlyMarked {
                ShopReauthorization.raise(error, resources: resources)
                throw error
            }
        }
    }

    func tokenCipher() throws -> TokenCipher {
        try cipher.get()
    }

    private func resourcePool() -> ResourcePool<FulfilmentResources> {
        pool.withLock { pool in
            if let pool { return pool }
            let made = ResourcePool { [unowned self] in try FulfilmentResources(services: self) }
            pool = made
            return made
        }
    }
}
