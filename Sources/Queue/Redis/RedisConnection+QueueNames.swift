// The registry of queue names, read the same way by the session and the admin.

import Redis

extension RedisConnection {
    /// Every queue name the deployment under `keys` has seen, sorted.
    func queueNames(_ keys: Keys) throws -> [String] {
        try command(["SMEMBERS", keys.queues]).strings.sorted()
    }
}
