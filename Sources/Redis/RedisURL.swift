// Parses REDIS_URL (redis://[:password@]host[:port][/db]) into connection settings.

import Foundation

/// Where and how to connect to Redis.
public struct RedisURL: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var password: String?
    public var database: Int

    public init(host: String = "127.0.0.1", port: Int = 6379, password: String? = nil, database: Int = 0) {
        self.host = host
        self.port = port
        self.password = password
        self.database = database
    }

    /// Parses a `redis://` URL; throws a message that never includes the password.
    public init(parsing text: String) throws {
        guard let components = URLComponents(string: text), components.scheme == "redis" else {
            throw RedisError.connection("REDIS_URL must look like redis://host:port/db")
        }
        self.host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        self.port = components.port ?? 6379
        self.password = components.password ?? (components.user.flatMap { $0.isEmpty ? nil : $0 })
        let path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard path.isEmpty || Int(path) != nil else {
            throw RedisError.connection("REDIS_URL database must be a number, got '\(path)'")
        }
        self.database = Int(path) ?? 0
    }

    /// The URL with any password masked, safe for logs.
    public var description: String { "redis://\(password == nil ? "" : "***@")\(host):\(port)/\(database)" }
}
