// Real `creatorflow worker` processes wired to a pipeline fixture's sandbox, schema and prefix.

import Foundation
import TestSupport

extension PipelineFixture {
    /// The environment a `creatorflow` process needs to join this pipeline.
    var processEnvironment: [String: String] {
        [
            "REDIS_URL": "\(redis.url)", "CF_REDIS_PREFIX": redis.keys.prefix, "DATABASE_URL": database.url,
            "CF_DATABASE_SCHEMA": database.schema, "CF_SANDBOX_URL": baseURL, "TIKTOK_APP_KEY": Self.appKey,
            "TIKTOK_APP_SECRET": Self.appSecret, "CF_TOKEN_KEY": tokenKey, "CF_WORKER_CONCURRENCY": "8",
            "CF_RETRY_MAX_ATTEMPTS": "10", "CF_RETRY_EXPONENT": "1", "CF_RETRY_BASE_S": "0.1", "CF_RETRY_JITTER": "0",
            "CF_WORKER_PROMOTE_INTERVAL_S": "0.1", "CF_FULFILMENT_STALLED_AFTER_S": "5",
        ]
    }

    /// Starts `count` worker processes; stop them with `stop(_:)`.
    func startWorkerProcesses(_ count: Int, environment extra: [String: String] = [:]) throws -> [Child] {
        try (0..<count).map { _ in
            track(try Child(["worker"], environment: processEnvironment.merging(extra) { _, new in new }))
        }
    }

    /// SIGTERMs `children` and waits for them to drain.
    func stop(_ children: [Child]) {
        children.forEach { $0.signal(SIGTERM) }
        children.forEach { _ = $0.wait(timeout: 40) }
    }
}
