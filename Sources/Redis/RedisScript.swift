// A named Lua script. Connections load it with SCRIPT LOAD and call it by the SHA Redis returns.

/// A Lua script the queue runs atomically inside Redis.
public struct RedisScript: Sendable {
    public let name: String
    public let source: String

    public init(name: String, source: String) {
        self.name = name
        self.source = source
    }
}
